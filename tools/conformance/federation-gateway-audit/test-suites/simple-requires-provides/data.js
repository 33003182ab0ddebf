"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.reviews = exports.inStock = exports.products = exports.users = void 0;
exports.users = [
    {
        id: "u1",
        username: "u-username-1",
        name: "u-name-1",
    },
    {
        id: "u2",
        username: "u-username-2",
        name: "u-name-2",
    },
];
exports.products = [
    {
        upc: "p1",
        name: "p-name-1",
        price: 11,
        weight: 1,
    },
    {
        upc: "p2",
        name: "p-name-2",
        price: 22,
        weight: 2,
    },
];
exports.inStock = [exports.products[0].upc];
exports.reviews = [
    {
        id: "r1",
        body: "r-body-1",
        authorId: exports.users[0].id,
        productUpc: exports.products[0].upc,
    },
    {
        id: "r2",
        body: "r-body-2",
        authorId: exports.users[0].id,
        productUpc: exports.products[1].upc,
    },
];
