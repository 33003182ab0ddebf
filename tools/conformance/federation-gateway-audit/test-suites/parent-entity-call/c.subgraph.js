"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("c", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable"]
      )

    type Category {
      details: CategoryDetails
    }

    type Product @key(fields: "id pid") {
      id: ID!
      pid: ID!
      category: Category @shareable
    }

    type CategoryDetails {
      products: Int
    }
  `,
    resolvers: {
        Product: {
            __resolveReference(key) {
                const product = data_js_1.products.find((p) => p.id === key.id && p.pid === key.pid);
                if (!product) {
                    return null;
                }
                return {
                    id: product.id,
                    pid: product.pid,
                    categoryId: product.categoryId,
                };
            },
            category(product) {
                const category = data_js_1.categories.find((c) => c.id === product.categoryId);
                if (!category) {
                    return null;
                }
                return {
                    details: category.details,
                };
            },
        },
    },
});
