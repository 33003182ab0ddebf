"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.animals = exports.medias = exports.pubishPoorPlans = void 0;
exports.pubishPoorPlans = true;
exports.medias = [
    {
        __typename: "Book",
        id: "m1",
        animals: ["a1", "a2"],
    },
];
exports.animals = [
    {
        __typename: "Dog",
        id: "a1",
        name: "Fido",
        age: 3,
    },
    {
        __typename: "Cat",
        id: "a2",
        name: "Whiskers",
        age: 6,
    },
];
