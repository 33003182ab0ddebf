"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const env_js_1 = require("../../env.js");
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
// I deliberately name it all-products to make sure it's first in the list of subgraphs (in case the order matters)
exports.default = (0, subgraph_js_1.createSubgraph)("all-products", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable"]
      )

    type Product @key(fields: "id") {
      id: ID!
    }
  `,
    resolvers: {
        Product: {
            __resolveReference(key) {
                if ((0, env_js_1.shouldPunishForPoorPlans)()) {
                    throw new Error("You should be using the categories subgraph!");
                }
                const product = data_js_1.products.find((p) => p.id === key.id);
                if (!product) {
                    return null;
                }
                return {
                    id: product.id,
                };
            },
        },
    },
});
