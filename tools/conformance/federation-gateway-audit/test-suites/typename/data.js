"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.users = void 0;
exports.users = [
    {
        __typename: "Admin",
        id: "u1",
        name: "Alice",
        isMain: false,
    },
    {
        __typename: "Admin",
        id: "u2",
        name: "Bob",
        isMain: true,
    },
];
