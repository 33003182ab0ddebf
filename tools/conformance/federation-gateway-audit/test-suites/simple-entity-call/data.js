"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.users = void 0;
exports.users = [
    {
        id: "1",
        email: "user1@gmail.com",
        nickname: "user1",
    },
    {
        id: "2",
        email: "user2@gmail.com",
        nickname: "user2",
    },
];
