"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("list", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.0"
        import: ["@key", "@shareable"]
      )

    type ProductList @key(fields: "products{id pid}") {
      products: [Product!]!
      first: Product @shareable
      selected: Product @shareable
    }

    type Product @key(fields: "id pid") {
      id: String!
      pid: String
    }
  `,
    resolvers: {
        ProductList: {
            __resolveReference(key) {
                const prods = data_js_1.products.filter((p) => key.products.some((k) => k.id === p.id && k.pid === p.pid));
                return {
                    products: prods,
                    first: prods[0],
                    selected: prods[1],
                };
            },
        },
        Product: {
            __resolveReference(key) {
                return data_js_1.products.find((product) => product.id === key.id && product.pid === key.pid);
            },
        },
    },
});
