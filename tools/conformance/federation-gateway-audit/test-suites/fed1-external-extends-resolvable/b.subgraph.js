"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    type Query {
      productInB: Product
    }

    extend type Product @key(fields: "id name") @key(fields: "upc") {
      id: ID @external
      name: String @external
      upc: String @external
      price: Float!
    }
  `,
    resolvers: {
        Query: {
            productInB: () => {
                return {
                    id: data_js_1.products[0].id,
                    name: data_js_1.products[0].name,
                    upc: data_js_1.products[0].upc,
                    price: data_js_1.products[0].price,
                };
            },
        },
        Product: {
            __resolveReference: (key) => {
                const product = "id" in key
                    ? data_js_1.products.find((p) => p.id === key.id && p.name === key.name)
                    : data_js_1.products.find((p) => p.upc === key.upc);
                return product
                    ? {
                        id: product.id,
                        name: product.name,
                        upc: product.upc,
                        price: product.price,
                    }
                    : null;
            },
        },
    },
});
