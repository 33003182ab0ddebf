"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query ($bool: Boolean = false) {
        product {
          price
          neverCalledInclude @include(if: $bool)
        }
      }
    `, {
        data: {
            product: {
                price: 699.99,
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query ($bool: Boolean = true) {
        product {
          price
          neverCalledSkip @skip(if: $bool)
        }
      }
    `, {
        data: {
            product: {
                price: 699.99,
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query ($bool: Boolean = true) {
        product {
          price
          include @include(if: $bool)
        }
      }
    `, {
        data: {
            product: {
                price: 699.99,
                include: true,
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query ($bool: Boolean = false) {
        product {
          price
          skip @skip(if: $bool)
        }
      }
    `, {
        data: {
            product: {
                price: 699.99,
                skip: true,
            },
        },
    }),
];
