"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@inaccessible"]
      )

    type Product @key(fields: "id") {
      id: ID!
      price: Float! @inaccessible
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
    },
});
