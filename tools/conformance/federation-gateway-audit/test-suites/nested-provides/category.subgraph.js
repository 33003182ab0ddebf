"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const env_js_1 = require("../../env.js");
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("category", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable", "@external", "@provides"]
      )

    type Query {
      products: [Product]
        @shareable
        @provides(fields: "categories { id name subCategories { id name } }")
    }

    type Product @key(fields: "id") {
      id: ID!
      categories: [Category] @external
    }

    type Category @key(fields: "id") {
      id: ID!
      """
      This field is provided by Query.products
      and we deliberately don't resolve it.
      The test suite is about checking if @provides is used correctly.
      """
      name: String
      subCategories: [Category] @external
    }
  `,
    resolvers: {
        Query: {
            products() {
                return data_js_1.products.map((p) => ({
                    id: p.id,
                    categories: p.categories.map((catId) => {
                        const cat = data_js_1.categories.find((c) => c.id === catId);
                        if (!cat) {
                            return null;
                        }
                        return {
                            id: cat.id,
                            name: cat.name,
                            subCategories: cat.subCategories.map((subCatId) => {
                                const subCat = data_js_1.categories.find((c) => c.id === subCatId);
                                if (!subCat) {
                                    return null;
                                }
                                return {
                                    id: subCat.id,
                                    name: subCat.name,
                                };
                            }),
                        };
                    }),
                }));
            },
        },
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
                };
            },
        },
        Category: {
            __resolveReference(key, context) {
                if ((0, env_js_1.shouldPunishForPoorPlans)()) {
                    throw new Error("You should be using the categories subgraph!");
                }
                const cat = data_js_1.categories.find((c) => c.id === key.id);
                if (!cat) {
                    return null;
                }
                return {
                    id: cat.id,
                    // We explicitly don't resolve `name` here
                    // name: cat.name,
                };
            },
        },
    },
});
