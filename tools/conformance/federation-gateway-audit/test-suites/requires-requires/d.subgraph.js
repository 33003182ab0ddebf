"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const graphql_1 = require("graphql");
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("d", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@external", "@requires"]
      )

    type Product @key(fields: "id") {
      id: ID!
      isExpensive: Boolean! @external
      canAfford: Boolean! @requires(fields: "isExpensive")
      isExpensiveWithDiscount: Boolean! @external
      canAffordWithDiscount: Boolean!
        @requires(fields: "isExpensiveWithDiscount")
    }
  `,
    resolvers: {
        Product: {
            __resolveReference(key) {
                if (!data_js_1.products.find((product) => product.id === key.id)) {
                    return null;
                }
                const product = {
                    __typename: "Product",
                    id: key.id,
                };
                if (typeof key.isExpensive === "boolean") {
                    product.isExpensive = key.isExpensive;
                    product.canAfford = !key.isExpensive;
                }
                else if ("isExpensive" in key &&
                    typeof key.isExpensive !== "undefined") {
                    return new graphql_1.GraphQLError("Product.isExpensive must be a boolean");
                }
                if (typeof key.isExpensiveWithDiscount === "boolean") {
                    product.isExpensiveWithDiscount = key.isExpensiveWithDiscount;
                    product.canAffordWithDiscount = !key.isExpensiveWithDiscount;
                }
                else if ("isExpensiveWithDiscount" in key &&
                    typeof key.isExpensiveWithDiscount !== "undefined") {
                    return new graphql_1.GraphQLError("Product.isExpensiveWithDiscount must be a boolean");
                }
                return product;
            },
        },
    },
});
