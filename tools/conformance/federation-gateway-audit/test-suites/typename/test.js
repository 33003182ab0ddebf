"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        union {
          __typename
          typename: __typename
        }
      }
    `, {
        data: {
            union: {
                __typename: "Oven",
                typename: "Oven",
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        interface {
          id
          __typename
          typename: __typename
          t: __typename
        }
      }
    `, {
        data: {
            interface: {
                id: "2",
                __typename: "Toaster",
                typename: "Toaster",
                t: "Toaster",
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        union {
          __typename
          ... on Oven {
            typename: __typename
          }
          ... on Toaster {
            typename: __typename
          }
        }
      }
    `, {
        data: {
            union: {
                __typename: "Oven",
                typename: "Oven",
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        interface {
          __typename
          ... on Oven {
            typename: __typename
          }
          ... on Toaster {
            typename: __typename
          }
        }
      }
    `, {
        data: {
            interface: {
                __typename: "Toaster",
                typename: "Toaster",
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        users {
          id
        }
      }
    `, {
        data: {
            users: [
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
        users {
          __typename
        }
      }
    `, {
        data: {
            users: [
                {
                    __typename: "Admin",
                },
                {
                    __typename: "Admin",
                },
            ],
        },
    }),
];
