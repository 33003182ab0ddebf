"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("users", {
    typeDefs: /* GraphQL */ `
    type User @key(fields: "email") {
      email: ID!
      name: String
      totalProductsCreated: Int
    }
  `,
    resolvers: {
        User: {
            __resolveReference(key) {
                const user = data_js_1.users.find((user) => user.email === key.email);
                return user
                    ? {
                        __typename: "User",
                        id: user.id,
                        email: user.email,
                        name: user.name,
                    }
                    : null;
            },
            totalProductsCreated(user) {
                return data_js_1.products.filter((p) => p.createdBy === user.id).length;
            },
        },
    },
});
