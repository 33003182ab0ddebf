"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("types", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable"]
      )

    interface Node {
      id: ID!
    }

    type Product implements Node @key(fields: "id") @shareable {
      id: ID!
      name: String!
      price: Float!
    }

    type Category implements Node @key(fields: "id") {
      id: ID!
      name: String!
    }
  `,
    resolvers: {
        Product: {
            __resolveReference(key) {
                const product = data_js_1.products.find((p) => p.id === key.id);
                if (!product) {
                    return null;
                }
                return {
                    id: product.id,
                    name: product.name,
                    price: product.price,
                };
            },
        },
        Category: {
            __resolveReference(key) {
                const cat = data_js_1.categories.find((c) => c.id === key.id);
                if (!cat) {
                    return null;
                }
                return {
                    id: cat.id,
                    name: cat.name,
                };
            },
        },
    },
});
