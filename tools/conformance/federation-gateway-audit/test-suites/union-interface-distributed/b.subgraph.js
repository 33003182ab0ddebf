"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    interface Node {
      id: ID!
    }

    interface WithWarranty {
      warranty: Int
    }

    type Oven implements Node & WithWarranty @key(fields: "id") {
      id: ID!
      warranty: Int
    }
  `,
    resolvers: {
        Oven: {
            __resolveReference(key) {
                const oven = data_js_1.products.find((p) => p.id === key.id);
                if (oven?.__typename === "Oven") {
                    return {
                        __typename: "Oven",
                        id: oven.id,
                        warranty: 1,
                    };
                }
                return null;
            },
        },
    },
});
