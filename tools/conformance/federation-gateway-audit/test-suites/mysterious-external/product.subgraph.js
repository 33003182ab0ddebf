"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("product", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@external"]
      )

    type Product @key(fields: "id") {
      id: ID!
      name: String!
    }

    type Query {
      products: [Product!]!
    }
  `,
    resolvers: {
        Product: {
            __resolveReference(key) {
                const product = data_js_1.products.find((product) => product.id === key.id);
                if (!product) {
                    return null;
                }
                return {
                    id: product.id,
                    name: product.name,
                };
            },
        },
        Query: {
            products() {
                return data_js_1.products.map((p) => ({
                    id: p.id,
                    name: p.name,
                }));
            },
        },
    },
});
