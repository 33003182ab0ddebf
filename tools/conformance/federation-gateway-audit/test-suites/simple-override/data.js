"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.posts = void 0;
exports.posts = [
    {
        id: "p1",
        createdAt: "p1-createdAt",
    },
    {
        id: "p2",
        createdAt: "p2-createdAt",
    },
];
