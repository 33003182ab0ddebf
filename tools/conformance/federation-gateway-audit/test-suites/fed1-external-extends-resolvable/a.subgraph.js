"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    type Query {
      productInA: Product
    }

    type Product @key(fields: "id") {
      id: ID!
      name: String
      pid: ID
    }
  `,
    resolvers: {
        Query: {
            productInA() {
                return {
                    id: data_js_1.products[0].id,
                    name: data_js_1.products[0].name,
                    pid: data_js_1.products[0].pid,
                };
            },
        },
        Product: {
            __resolveReference(key) {
                if (data_js_1.products[0].id !== key.id) {
                    return null;
                }
                return {
                    id: data_js_1.products[0].id,
                    name: data_js_1.products[0].name,
                    pid: data_js_1.products[0].pid,
                };
            },
        },
    },
});
