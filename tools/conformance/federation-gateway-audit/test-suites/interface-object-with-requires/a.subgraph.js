"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      users: [NodeWithName!]!
    }

    interface NodeWithName @key(fields: "id") {
      id: ID!
      name: String
    }

    type User implements NodeWithName @key(fields: "id") {
      id: ID!
      name: String
      age: Int
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
                    name: node.name,
                    age: node.age,
                };
            },
        },
        User: {
            __resolveReference(key) {
                const user = data_js_1.users.find((u) => u.id === key.id);
                if (!user) {
                    return null;
                }
                return {
                    __typename: "User",
                    id: user.id,
                    name: user.name,
                    age: user.age,
                };
            },
        },
        Query: {
            users() {
                return data_js_1.users.map((u) => ({
                    __typename: "User",
                    id: u.id,
                    name: u.name,
                    age: u.age,
                }));
            },
        },
    },
});
