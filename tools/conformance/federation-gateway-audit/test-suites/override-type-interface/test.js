"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        feed {
          id
          createdAt
        }
      }
    `, {
        data: {
            feed: [
                {
                    id: "i1",
                    createdAt: "i1-createdAt",
                },
                {
                    id: "i2",
                    createdAt: "i2-createdAt",
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        feed {
          ... on TextPost {
            id
            body
          }
        }
      }
    `, {
        data: {
            feed: [{}, {}],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        anotherFeed {
          createdAt
        }
      }
    `, {
        data: {
            anotherFeed: [
                {
                    createdAt: "i1-createdAt",
                },
                {
                    createdAt: "i2-createdAt",
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      {
        anotherFeed {
          createdAt
          id
          ... on ImagePost {
            createdAt
            id
          }
        }
      }
    `, {
        data: {
            anotherFeed: [
                {
                    createdAt: "i1-createdAt",
                    id: "i1",
                },
                {
                    createdAt: "i2-createdAt",
                    id: "i2",
                },
            ],
        },
    }),
];
