"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.products = void 0;
exports.products = [
    {
        id: "p1",
        pid: "p1-pid",
        price: 12.3,
        upc: "upc1",
        name: "p1-name",
    },
];
