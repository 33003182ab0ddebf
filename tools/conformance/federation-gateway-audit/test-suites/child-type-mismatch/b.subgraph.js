"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
function accounts() {
    return [
        ...data_js_1.users.map((user) => ({ __typename: "User", ...user })),
        { __typename: "Admin", id: "a1", name: "a1-name" },
    ];
}
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@shareable", "@key"]
      )

    union Account = User | Admin

    type User @key(fields: "id") {
      id: ID!
      name: String
      similarAccounts: [Account!]!
    }

    type Admin {
      id: ID
      name: String @shareable
      similarAccounts: [Account!]!
    }

    type Query {
      accounts: [Account!]!
    }
  `,
    resolvers: {
        Query: {
            accounts,
        },
        User: {
            __resolveReference(key) {
                return data_js_1.users.find((user) => user.id === key.id);
            },
            similarAccounts: accounts,
        },
        Admin: {
            similarAccounts: accounts,
        },
    },
});
