"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.products = exports.toasters = exports.ovens = void 0;
exports.ovens = [
    {
        __typename: "Oven",
        id: "oven1",
        warranty: 1,
    },
    {
        __typename: "Oven",
        id: "oven2",
        warranty: 2,
    },
];
exports.toasters = [
    {
        __typename: "Toaster",
        id: "toaster1",
        warranty: 3,
    },
    {
        __typename: "Toaster",
        id: "toaster2",
        warranty: 4,
    },
];
exports.products = [...exports.ovens, ...exports.toasters];
