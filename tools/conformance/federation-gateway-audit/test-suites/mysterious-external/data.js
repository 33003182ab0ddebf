"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.products = void 0;
exports.products = [
    {
        id: "1",
        name: "name-1",
        price: 100,
    },
    {
        id: "2",
        name: "name-2",
        price: 200,
    },
];
