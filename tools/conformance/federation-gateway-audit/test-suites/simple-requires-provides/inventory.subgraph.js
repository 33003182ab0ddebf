"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("inventory", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@external", "@requires"]
      )

    type Product @key(fields: "upc") {
      upc: String!
      weight: Int @external
      price: Int @external
      inStock: Boolean
      shippingEstimate: Int @requires(fields: "price weight")
      shippingEstimateTag: String @requires(fields: "price weight")
    }
  `,
    resolvers: {
        Product: {
            __resolveReference(key) {
                const product = data_js_1.products.find((p) => p.upc === key.upc);
                if (!product) {
                    return null;
                }
                if ("weight" in key && "price" in key) {
                    return {
                        upc: product.upc,
                        weight: key.weight,
                        price: key.price,
                    };
                }
                return {
                    upc: product.upc,
                };
            },
            shippingEstimate(product) {
                return product.price * product.weight * 10;
            },
            shippingEstimateTag(product) {
                return `#${product.upc}#${product.price * product.weight * 10}#`;
            },
            inStock(product) {
                return data_js_1.inStock.includes(product.upc);
            },
        },
    },
});
