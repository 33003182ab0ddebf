"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        bookContainers {
          book {
            upc
            author {
              name
            }
          }
        }
      }
    `, {
        data: {
            bookContainers: [
                {
                    book: {
                        upc: "b1",
                        author: {
                            name: "Alice",
                        },
                    },
                },
                {
                    book: {
                        upc: "b2",
                        author: {
                            name: "Bob",
                        },
                    },
                },
                {
                    book: {
                        upc: "b3",
                        author: null,
                    },
                },
            ],
        },
    }),
];
