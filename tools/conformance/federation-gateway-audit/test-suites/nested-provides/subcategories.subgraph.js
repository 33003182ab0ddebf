"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const env_js_1 = require("../../env.js");
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("subcategories", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable"]
      )

    type Product @key(fields: "id") {
      id: ID!
      categories: [Category] @shareable
    }

    type Category @key(fields: "id") {
      id: ID!
      subCategories: [Category] @shareable
    }
  `,
    resolvers: {
        Product: {
            __resolveReference(key, context) {
                if ((0, env_js_1.shouldPunishForPoorPlans)()) {
                    throw new Error("You should be using the categories subgraph!");
                }
                const product = data_js_1.products.find((p) => p.id === key.id);
                if (!product) {
                    return null;
                }
                return {
                    id: product.id,
                    categories: product.categories,
                };
            },
            categories(product, _a, context) {
                if ((0, env_js_1.shouldPunishForPoorPlans)()) {
                    throw new Error("You should be using the categories subgraph!");
                }
                return product.categories.map((catId) => {
                    const cat = data_js_1.categories.find((c) => c.id === catId);
                    if (!cat) {
                        return null;
                    }
                    return {
                        id: cat.id,
                        subCategories: cat.subCategories,
                    };
                });
            },
        },
        Category: {
            __resolveReference(key) {
                const cat = data_js_1.categories.find((c) => c.id === key.id);
                if (!cat) {
                    return null;
                }
                return {
                    id: cat.id,
                    subCategories: cat.subCategories,
                };
            },
            subCategories(category) {
                return category.subCategories.map((catId) => {
                    const cat = data_js_1.categories.find((c) => c.id === catId);
                    if (!cat) {
                        return null;
                    }
                    return {
                        id: cat.id,
                        subCategories: cat.subCategories,
                    };
                });
            },
        },
    },
});
