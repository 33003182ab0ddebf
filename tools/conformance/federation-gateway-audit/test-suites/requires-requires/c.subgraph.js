"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const graphql_1 = require("graphql");
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("c", {
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
      hasDiscount: Boolean! @external
      isExpensiveWithDiscount: Boolean! @requires(fields: "hasDiscount")
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
                if (typeof key.price === "number") {
                    product.price = key.price;
                    product.isExpensive = key.price > 500;
                }
                else if ("price" in key && typeof key.price !== "undefined") {
                    return new graphql_1.GraphQLError("Product.price must be a number");
                }
                if (typeof key.hasDiscount === "boolean") {
                    product.hasDiscount = key.hasDiscount;
                    product.isExpensiveWithDiscount = !key.hasDiscount;
                }
                else if ("hasDiscount" in key &&
                    typeof key.hasDiscount !== "undefined") {
                    return new graphql_1.GraphQLError("Product.hasDiscount must be a number");
                }
                return product;
            },
        },
    },
});
