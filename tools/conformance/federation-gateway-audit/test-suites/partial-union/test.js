"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
const data_js_1 = require("./data.js");
exports.default = [
    // The query selects all three union members. `Beta` and `Gamma` exist only
    // in the primary subgraph and have no `@key`, so they can only be resolved
    // there. A correct gateway keeps every inline fragment and returns all three.
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        getResponse {
          message
          actions {
            __typename
            ... on Alpha {
              id
              value
            }
            ... on Beta {
              id
              name
              details
            }
            ... on Gamma {
              id
              label
            }
          }
        }
      }
    `, {
        data: {
            getResponse: {
                message: data_js_1.message,
                actions: [
                    {
                        __typename: data_js_1.alpha.__typename,
                        id: data_js_1.alpha.id,
                        value: data_js_1.alpha.value,
                    },
                    {
                        __typename: data_js_1.beta.__typename,
                        id: data_js_1.beta.id,
                        name: data_js_1.beta.name,
                        details: data_js_1.beta.details,
                    },
                    {
                        __typename: data_js_1.gamma.__typename,
                        id: data_js_1.gamma.id,
                        label: data_js_1.gamma.label,
                    },
                ],
            },
        },
    }),
    // Selecting only the members missing from the secondary subgraph must still
    // resolve them from the primary subgraph.
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        getResponse {
          actions {
            __typename
            ... on Beta {
              name
            }
            ... on Gamma {
              label
            }
          }
        }
      }
    `, {
        data: {
            getResponse: {
                actions: [
                    { __typename: data_js_1.alpha.__typename },
                    { __typename: data_js_1.beta.__typename, name: data_js_1.beta.name },
                    { __typename: data_js_1.gamma.__typename, label: data_js_1.gamma.label },
                ],
            },
        },
    }),
];
