"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
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
      isExpensive: Boolean! @external
      include: Boolean! @requires(fields: "isExpensive")
      skip: Boolean! @requires(fields: "isExpensive")
      neverCalledInclude: Boolean! @requires(fields: "isExpensive")
      neverCalledSkip: Boolean! @requires(fields: "isExpensive")
    }
  `,
    resolvers: {
        Product: {
            __resolveReference(key) {
                const product = data_js_1.products.find((product) => product.id === key.id);
                if (!product) {
                    return null;
                }
                if ("isExpensive" in key) {
                    return {
                        id: product.id,
                        isExpensive: key.isExpensive,
                    };
                }
                return {
                    id: product.id,
                };
            },
            include(product) {
                if (typeof product.isExpensive !== "boolean") {
                    throw new Error("isExpensive is missing");
                }
                return true;
            },
            neverCalledInclude() {
                throw new Error("neverCalledInclude should not be called");
            },
            skip(product) {
                if (typeof product.isExpensive !== "boolean") {
                    throw new Error("isExpensive is missing");
                }
                return true;
            },
            neverCalledSkip() {
                throw new Error("neverCalledSkip should not be called");
            },
        },
    },
});
