"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        product {
          canAfford
        }
      }
    `, {
        data: {
            product: {
                canAfford: false,
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        product {
          isExpensive
        }
      }
    `, {
        data: {
            product: {
                isExpensive: true,
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        product {
          isExpensive
          canAfford
        }
      }
    `, {
        data: {
            product: {
                isExpensive: true,
                canAfford: false,
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        product {
          canAffordWithDiscount
        }
      }
    `, {
        data: {
            product: {
                canAffordWithDiscount: true,
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        product {
          canAfford
          canAffordWithDiscount
        }
      }
    `, {
        data: {
            product: {
                canAfford: false,
                canAffordWithDiscount: true,
            },
        },
    }),
];
