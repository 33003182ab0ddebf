"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
exports.default = (0, subgraph_js_1.createSubgraph)("c", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Category @key(fields: "id") {
      id: ID
      name: String
    }
  `,
    resolvers: {
        Category: {
            __resolveReference(category) {
                return {
                    id: category.id,
                    name: `Category#${category.id}`,
                };
            },
        },
    },
});
