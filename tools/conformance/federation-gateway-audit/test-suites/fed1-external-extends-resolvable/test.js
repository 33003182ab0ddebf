"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        productInA {
          id
          pid
          price
          upc
          name
        }
      }
    `, {
        data: {
            productInA: {
                id: "p1",
                pid: "p1-pid",
                price: 12.3,
                upc: "upc1",
                name: "p1-name",
            },
        },
    }),
];
