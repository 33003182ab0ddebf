"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        product {
          samePriceProduct {
            ... on Product {
              samePriceProduct {
                __typename
              }
            }
          }
        }
      }
    `, {
        data: {
            product: {
                samePriceProduct: {
                    samePriceProduct: {
                        __typename: "Book",
                    },
                },
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        product {
          __typename
          samePriceProduct {
            __typename
            ... on Book {
              id
            }
            samePriceProduct {
              __typename
              ... on Book {
                id
              }
            }
          }
          ... on Book {
            __typename
            id
            price
            samePriceProduct {
              id
              price
            }
          }
        }
      }
    `, {
        data: {
            product: {
                __typename: "Book",
                samePriceProduct: {
                    __typename: "Book",
                    id: "3",
                    samePriceProduct: {
                        __typename: "Book",
                        id: "1",
                    },
                    price: 10.99,
                },
                id: "1",
                price: 10.99,
            },
        },
    }),
];
