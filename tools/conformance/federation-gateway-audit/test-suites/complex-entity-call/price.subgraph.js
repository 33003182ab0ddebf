"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("price", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.0"
        import: ["@key", "@shareable"]
      )

    type ProductList
      @key(fields: "products{id pid category{id tag}} selected{id}") {
      products: [Product!]!
      first: Product @shareable
      selected: Product @shareable
    }

    type Product @key(fields: "id pid category{id tag}") {
      id: String!
      price: Price
      pid: String
      category: Category
    }

    type Category @key(fields: "id tag") {
      id: String!
      tag: String
    }

    type Price {
      price: Float!
    }
  `,
    resolvers: {
        Product: {
            __resolveReference(key) {
                return data_js_1.products.find((p) => {
                    if (p.id === key.id && p.pid === key.pid) {
                        const cat = data_js_1.categories.find((c) => c.id === p.categoryId);
                        if (cat &&
                            cat.id === key.category.id &&
                            cat.tag === key.category.tag) {
                            return true;
                        }
                    }
                    return false;
                });
            },
            price(product) {
                return {
                    price: product.price,
                };
            },
            category(product) {
                return data_js_1.categories.find((c) => c.id === product.categoryId);
            },
        },
        Category: {
            __resolveReference(key) {
                return data_js_1.categories.find((c) => c.id === key.id);
            },
        },
        ProductList: {
            __resolveReference(key) {
                const prods = data_js_1.products.filter((p) => key.products.some((k) => {
                    if (p.id === k.id && p.pid === k.pid) {
                        const cat = data_js_1.categories.find((c) => c.id === p.categoryId);
                        if (cat &&
                            cat.id === k.category.id &&
                            cat.tag === k.category.tag) {
                            return true;
                        }
                    }
                    return false;
                }));
                return {
                    products: prods,
                    first: prods[0],
                    selected: data_js_1.products.find((p) => p.id === key.selected.id),
                };
            },
        },
    },
});
