"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@interfaceObject", "@shareable"]
      )

    type Query {
      anotherUsers: [NodeWithName]
      accounts: [Account] @shareable
    }

    type Account @key(fields: "id") @interfaceObject {
      id: ID!
      name: String!
    }

    type NodeWithName @key(fields: "id") @interfaceObject {
      id: ID!
      username: String
    }
  `,
    resolvers: {
        NodeWithName: {
            __resolveReference(key) {
                const node = data_js_1.users.find((u) => u.id === key.id);
                if (!node) {
                    return null;
                }
                return {
                    __typename: "User",
                    id: node.id,
                    username: node.username,
                };
            },
            username(node) {
                const user = data_js_1.users.find((u) => u.id === node.id);
                if (!user) {
                    return null;
                }
                return user.username;
            },
        },
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
            name(account) {
                return data_js_1.accounts.find((u) => u.id === account.id)?.name;
            },
        },
        Query: {
            anotherUsers() {
                return data_js_1.users.map((u) => ({
                    __typename: "User",
                    id: u.id,
                    username: u.username,
                }));
            },
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
