"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@external", "@requires"]
      )

    type Product @key(fields: "id") {
      id: ID!
      price: Float! @external
      isExpensive: Boolean! @requires(fields: "price")
    }
  `,
    resolvers: {
        Product: {
            __resolveReference(key) {
                const product = data_js_1.products.find((product) => product.id === key.id);
                if (!product) {
                    return null;
                }
                if ("price" in key) {
                    return {
                        id: product.id,
                        price: key.price,
                    };
                }
                return {
                    id: product.id,
                };
            },
            isExpensive(product) {
                if (!product.price) {
                    throw new Error("Price is missing");
                }
                return product.price > 500;
            },
        },
    },
});
