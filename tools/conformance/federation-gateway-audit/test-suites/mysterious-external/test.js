"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        cheapestProduct {
          id
          price
          name
        }
      }
    `, {
        data: {
            cheapestProduct: {
                id: "1",
                price: 100,
                name: "name-1",
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        products {
          name
          price
          id
        }
      }
    `, {
        data: {
            products: [
                {
                    name: "name-1",
                    price: 100,
                    id: "1",
                },
                {
                    name: "name-2",
                    price: 200,
                    id: "2",
                },
            ],
        },
    }),
];
