"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("name", {
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
      name: Name!
    }

    type Name {
      id: ID!
      brand: String!
      model: String!
    }
  `,
    resolvers: {
        Query: {
            product() {
                return {
                    id: data_js_1.product.id,
                    name: data_js_1.product.name,
                };
            },
            products() {
                return [
                    {
                        id: data_js_1.product.id,
                        name: data_js_1.product.name,
                    },
                ];
            },
        },
    },
});
