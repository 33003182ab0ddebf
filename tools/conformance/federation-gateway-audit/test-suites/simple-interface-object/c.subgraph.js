"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("c", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@interfaceObject", "@shareable"]
      )

    type Account @key(fields: "id") @interfaceObject {
      id: ID!
      isActive: Boolean! @shareable
    }
  `,
    resolvers: {
        Account: {
            __resolveReference(key) {
                const account = data_js_1.accounts.find((account) => account.id === key.id);
                if (!account) {
                    return null;
                }
                return {
                    // I deliberately return a wrong __typename here to make sure it's not used by the gateway
                    __typename: "Never",
                    id: account.id,
                };
            },
            isActive(account) {
                return false;
            },
        },
        Query: {
            accounts() {
                return data_js_1.accounts.map((user) => {
                    return {
                        // I deliberately return a wrong __typename here to make sure it's not used by the gateway
                        __typename: "Never",
                        id: user.id,
                    };
                });
            },
        },
    },
});
