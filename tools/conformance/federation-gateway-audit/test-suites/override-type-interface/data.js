"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.textPosts = exports.imagePosts = void 0;
exports.imagePosts = [
    {
        __typename: "ImagePost",
        id: "i1",
        createdAt: "i1-createdAt",
    },
    {
        __typename: "ImagePost",
        id: "i2",
        createdAt: "i2-createdAt",
    },
];
exports.textPosts = [
    {
        __typename: "TextPost",
        id: "t1",
        createdAt: "t1-createdAt",
        body: "t1-body",
    },
    {
        __typename: "TextPost",
        id: "t2",
        createdAt: "t2-createdAt",
        body: "t2-body",
    },
];
