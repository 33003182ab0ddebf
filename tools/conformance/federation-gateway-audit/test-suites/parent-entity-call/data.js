"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.categories = exports.products = void 0;
exports.products = [
    {
        id: "p1",
        pid: "p1-pid",
        categoryId: "c1",
    },
    {
        id: "p2",
        pid: "p2-pid",
        categoryId: "c2",
    },
    {
        id: "p3",
        pid: "p3-pid",
        categoryId: "c1",
    },
];
exports.categories = [
    {
        id: "c1",
        name: "c1-name",
        details: {
            products: exports.products.filter((p) => p.categoryId === "c1").length,
        },
    },
    {
        id: "c2",
        name: "c2-name",
        details: {
            products: exports.products.filter((p) => p.categoryId === "c2").length,
        },
    },
];
