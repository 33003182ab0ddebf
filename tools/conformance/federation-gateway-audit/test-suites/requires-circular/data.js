"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.posts = exports.authors = void 0;
exports.authors = [
    {
        id: "a1",
        name: "John",
        yearsOfExperience: 5,
    },
    {
        id: "a2",
        name: "Jane",
        yearsOfExperience: 20,
    },
];
exports.posts = [
    {
        id: "p1",
        body: "p1-body",
        author: exports.authors[0],
    },
    {
        id: "p2",
        body: "p2-body",
        author: exports.authors[1],
    },
];
