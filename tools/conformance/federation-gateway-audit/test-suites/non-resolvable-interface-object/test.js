"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        b {
          id
          field
        }
      }
    `, {
        data: {
            b: {
                id: "n1",
                field: "foo",
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        a {
          field
        }
      }
    `, {
        data: null,
        errors: true,
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        b {
          id
        }
      }
    `, {
        data: {
            b: {
                id: "n1",
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        a {
          id
        }
      }
    `, {
        data: {
            a: null,
        },
        errors: true,
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        product {
          id
        }
      }
    `, {
        data: {
            product: {
                id: "p1",
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        product {
          id
          name
        }
      }
    `, {
        errors: true,
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        product {
          ... on Bread {
            id
          }
        }
      }
    `, {
        data: {
            product: {
                id: "p1",
            },
        },
    }),
];
