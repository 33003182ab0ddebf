"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable", "@external"]
      )

    type Query {
      node(id: ID!): Node @shareable
      account(id: String!): Account
    }

    interface Node {
      id: ID!
    }

    type Account implements Node @key(fields: "id") {
      id: ID!
      username: String!
    }

    type Chat implements Node @key(fields: "id") {
      id: ID! @external
      account: Account!
    }
  `,
    resolvers: {
        Query: {
            node(_, { id }) {
                const account = data_js_1.accounts.find((a) => a.id === id);
                if (account) {
                    return {
                        __typename: "Account",
                        id: account.id,
                        username: account.username,
                    };
                }
                const chat = data_js_1.chats.find((c) => c.id === id);
                if (chat) {
                    return {
                        __typename: "Chat",
                        id: "never",
                        accountId: chat.accountId,
                    };
                }
            },
            account(_, { id }) {
                const account = data_js_1.accounts.find((a) => a.id === id);
                if (account) {
                    return {
                        __typename: "Account",
                        id: account.id,
                        username: account.username,
                    };
                }
                return null;
            },
        },
        Account: {
            __resolveReference(key) {
                const account = data_js_1.accounts.find((a) => a.id === key.id);
                if (account) {
                    return {
                        __typename: "Account",
                        id: account.id,
                        username: account.username,
                    };
                }
                return null;
            },
        },
        Chat: {
            __resolveReference(key) {
                const chat = data_js_1.chats.find((c) => c.id === key.id);
                if (chat) {
                    return {
                        __typename: "Chat",
                        id: chat.id,
                        accountId: chat.accountId,
                    };
                }
                return null;
            },
            account(chat) {
                const account = data_js_1.accounts.find((a) => a.id === chat.accountId);
                if (account) {
                    return {
                        __typename: "Account",
                        id: account.id,
                        username: account.username,
                    };
                }
                return null;
            },
        },
    },
});
