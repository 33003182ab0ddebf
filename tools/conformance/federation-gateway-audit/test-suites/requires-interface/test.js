"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        a {
          city
        }
      }
    `, {
        data: {
            a: {
                city: "a1-city",
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        b {
          city
        }
      }
    `, {
        data: {
            b: {
                city: "a2-city",
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        a {
          country
        }
      }
    `, {
        data: {
            a: {
                country: null,
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        a {
          address {
            __typename
            id
          }
        }
      }
    `, {
        data: {
            a: {
                address: {
                    __typename: "HomeAddress",
                    id: "a1",
                },
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        b {
          address {
            __typename
            id
          }
        }
      }
    `, {
        data: {
            b: {
                address: {
                    __typename: "WorkAddress",
                    id: "a2",
                },
            },
        },
    }),
];
