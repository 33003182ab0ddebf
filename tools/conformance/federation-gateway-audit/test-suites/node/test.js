"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      {
        productNode {
          ... on Product {
            id
            name
            __typename
            price
          }
        }
      }
    `, {
        data: {
            productNode: {
                id: "p-1",
                name: "Product 1",
                __typename: "Product",
                price: 10,
            },
        },
    }),
];
