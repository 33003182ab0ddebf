"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.chats = exports.accounts = void 0;
exports.accounts = [
    {
        __typename: "Account",
        id: "a1",
        username: "a1-username",
    },
];
exports.chats = [
    {
        __typename: "Chat",
        id: "c1",
        accountId: "a1",
        text: "c1-text",
    },
];
