"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("email", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"])

    type Query {
      user: User
    }

    type User @key(fields: "id") {
      id: ID!
      email: String!
    }
  `,
    resolvers: {
        Query: {
            user() {
                return {
                    id: data_js_1.users[0].id,
                    email: data_js_1.users[0].email,
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
                    id: user.id,
                    email: user.email,
                };
            },
        },
    },
});
