"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("price", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@external"]
      )

    # Composition will fail if it's not an extension (I have no idea why this is the case)
    extend type Product @key(fields: "id") {
      id: ID! @external
      price: Float
    }

    type Query {
      cheapestProduct: Product
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
                    price: product.price,
                };
            },
        },
        Query: {
            cheapestProduct() {
                let cheapest = null;
                for (const product of data_js_1.products) {
                    if (cheapest) {
                        if (product.price < cheapest.price) {
                            cheapest = product;
                        }
                    }
                    else {
                        cheapest = product;
                    }
                }
                return cheapest;
            },
        },
    },
});
