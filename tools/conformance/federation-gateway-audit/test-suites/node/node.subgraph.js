"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("node", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      productNode: Node
      categoryNode: Node
    }

    interface Node {
      id: ID!
    }

    type Product implements Node @key(fields: "id") {
      id: ID!
    }

    type Category implements Node @key(fields: "id") {
      id: ID!
    }
  `,
    resolvers: {
        Query: {
            productNode() {
                return {
                    __typename: "Product",
                    id: data_js_1.products[0].id,
                };
            },
            categoryNode() {
                return {
                    __typename: "Category",
                    id: data_js_1.categories[0].id,
                };
            },
        },
        Product: {
            __resolveReference(key) {
                const product = data_js_1.products.find((p) => p.id === key.id);
                if (!product) {
                    return null;
                }
                return {
                    id: product.id,
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
                };
            },
        },
    },
});
