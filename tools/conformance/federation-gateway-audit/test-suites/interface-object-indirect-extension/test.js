"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        media {
          id
          title
          ... on Video {
            duration
            authorName
          }
          ... on Article {
            wordCount
          }
        }
        author {
          id
          name
        }
        playlist {
          id
          name
          media {
            id
            ... on Video {
              duration
            }
          }
        }
      }
    `, {
        data: {
            media: {
                id: "1",
                title: "title for 1",
                duration: 100,
                authorName: "John Doe",
            },
            author: {
                id: "1",
                name: "name for 1",
            },
            playlist: {
                id: "1",
                name: "name for 1",
                media: {
                    id: "1",
                    duration: 100,
                },
            },
        },
    }),
];
