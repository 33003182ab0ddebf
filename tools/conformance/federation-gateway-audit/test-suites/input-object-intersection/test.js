"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        usersInA(filter: { first: 1 }) {
          id
        }
      }
    `, {
        data: {
            usersInA: [
                {
                    id: "u1",
                },
                {
                    id: "u2",
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        usersInA(filter: { first: 1, offset: 2 }) {
          id
        }
      }
    `, {
        errors: true,
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        usersInB(filter: { first: 1, offset: 2 }) {
          id
        }
      }
    `, {
        errors: true,
    }),
];
