"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.products = void 0;
exports.products = [
    {
        upc: "p1",
        name: "p-name-1",
        price: 11,
        weight: 1,
        category: {
            averagePrice: 11,
        },
    },
    {
        upc: "p2",
        name: "p-name-2",
        price: 22,
        weight: 2,
        category: {
            averagePrice: 22,
        },
    },
];
