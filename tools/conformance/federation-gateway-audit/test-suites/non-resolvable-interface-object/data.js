"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.products = void 0;
exports.products = [
    {
        __typename: "Bread",
        id: "p1",
        name: "Bread",
    },
];
