"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.books = void 0;
exports.books = [
    {
        __typename: "Book",
        id: "1",
        price: 10.99,
    },
    {
        __typename: "Book",
        id: "2",
        price: 5.99,
    },
    {
        __typename: "Book",
        id: "3",
        price: 10.99,
    },
];
