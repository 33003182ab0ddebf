"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        media {
          id
          animals {
            id
            name
          }
        }
      }
    `, {
        data: {
            media: {
                id: "m1",
                animals: [
                    {
                        id: "a1",
                        name: "Fido",
                    },
                    {
                        id: "a2",
                        name: "Whiskers",
                    },
                ],
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        media {
          id
          animals {
            id
            name
            ... on Cat {
              age
            }
          }
        }
      }
    `, {
        data: {
            media: {
                id: "m1",
                animals: [
                    {
                        id: "a1",
                        name: "Fido",
                    },
                    {
                        id: "a2",
                        name: "Whiskers",
                        age: 6,
                    },
                ],
            },
        },
    }),
];
