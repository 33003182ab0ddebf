"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("price", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable"]
      )

    type Query {
      product: Product! @shareable
      products: [Product!]! @shareable
    }

    type Product {
      id: ID! @shareable
      price: Price!
    }

    type Price {
      id: ID!
      amount: Int!
      currency: String!
    }
  `,
    resolvers: {
        Query: {
            product() {
                return {
                    id: data_js_1.product.id,
                    price: data_js_1.product.price,
                };
            },
            products() {
                return [
                    {
                        id: data_js_1.product.id,
                        price: data_js_1.product.price,
                    },
                ];
            },
        },
    },
});
