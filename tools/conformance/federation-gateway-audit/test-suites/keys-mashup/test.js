"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        b {
          id
          a {
            id
            name
            nameInB
          }
        }
      }
    `, {
        data: {
            b: {
                id: "100",
                a: [
                    {
                        id: "1",
                        name: "a.1",
                        nameInB: "b.a.nameInB a.1",
                    },
                ],
            },
        },
    }),
];
