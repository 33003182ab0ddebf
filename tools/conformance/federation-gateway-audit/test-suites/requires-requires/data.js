"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.products = void 0;
exports.products = [
    {
        id: "p1",
        price: 699.99,
        hasDiscount: true,
    },
];
