"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.media = void 0;
exports.media = {
    __typename: "Book",
    id: "b1",
    title: "The Lord of the Rings",
    aTitle: "A: The Lord of the Rings",
    bTitle: "B: The Lord of the Rings",
};
