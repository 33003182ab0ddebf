"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      products: [Product]
    }

    type Product @key(fields: "upc") {
      upc: String!
      name: String
      price(currency: String!): Int
      weight: Int
      category: Category
    }

    type Category {
      averagePrice(currency: String!): Int
    }
  `,
    resolvers: {
        Query: {
            products() {
                return data_js_1.products.map((p) => ({
                    upc: p.upc,
                    name: p.name,
                    price: p.price,
                    weight: p.weight,
                    category: p.category,
                }));
            },
        },
        Product: {
            __resolveReference(key) {
                const product = data_js_1.products.find((p) => p.upc === key.upc);
                if (!product) {
                    return null;
                }
                return {
                    upc: product.upc,
                    name: product.name,
                    price: product.price,
                    weight: product.weight,
                    category: product.category,
                };
            },
        },
    },
});
