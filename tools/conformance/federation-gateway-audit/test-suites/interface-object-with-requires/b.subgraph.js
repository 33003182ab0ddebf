"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@interfaceObject", "@external", "@requires"]
      )

    type Query {
      anotherUsers: [NodeWithName]
    }

    type NodeWithName @key(fields: "id") @interfaceObject {
      id: ID!
      name: String @external
      username: String @requires(fields: "name")
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
                    name: "name" in key ? key.name : undefined,
                };
            },
            username(node) {
                const user = data_js_1.users.find((u) => u.id === node.id);
                if (!user) {
                    return null;
                }
                if (!node.name) {
                    throw new Error("Requires field 'name' not provided");
                }
                return user.username;
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
        },
    },
});
