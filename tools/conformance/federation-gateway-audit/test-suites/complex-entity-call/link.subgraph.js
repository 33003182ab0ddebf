"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("link", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"])

    type Product @key(fields: "id") @key(fields: "id pid") {
      id: String!
      pid: String!
    }
  `,
    resolvers: {
        Product: {
            __resolveReference(key) {
                if ("pid" in key) {
                    return data_js_1.products.find((product) => product.id === key.id && product.pid === key.pid);
                }
                return data_js_1.products.find((product) => product.id === key.id);
            },
        },
    },
});
