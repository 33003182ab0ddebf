"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        media {
          ... on Book {
            id
            title
          }
          ... on Movie {
            id
          }
        }
      }
    `, {
        data: {
            media: [
                {
                    id: "m1",
                    title: "Book 1",
                },
                {
                    id: "m2",
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        media {
          ... on Book {
            id
            title
          }
          ... on Movie {
            id
            title
          }
        }
      }
    `, {
        data: {
            media: [
                {
                    id: "m1",
                    title: "Book 1",
                },
                {
                    id: "m2",
                    title: "Movie 1",
                },
            ],
        },
    }),
];
