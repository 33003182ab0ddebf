"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
exports.default = (0, subgraph_js_1.createSubgraph)("d", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      productFromD(id: ID!): Product
    }

    type Product @key(fields: "id") {
      id: ID
      name: String
    }
  `,
    resolvers: {
        Product: {
            __resolveReference(product) {
                return {
                    id: product.id,
                    name: `Product#${product.id}`,
                };
            },
        },
        Query: {
            productFromD(_, { id }) {
                return {
                    id,
                    name: `Product#${id}`,
                };
            },
        },
    },
});
