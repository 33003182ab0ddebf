"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        feed {
          createdAt
        }
      }
    `, {
        data: {
            feed: [
                {
                    createdAt: "p1-createdAt",
                },
                {
                    createdAt: "p2-createdAt",
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        aFeed {
          createdAt
        }
        bFeed {
          createdAt
        }
      }
    `, {
        data: {
            aFeed: [
                {
                    createdAt: "p2-createdAt",
                },
            ],
            bFeed: [
                {
                    createdAt: "p1-createdAt",
                },
            ],
        },
    }),
];
