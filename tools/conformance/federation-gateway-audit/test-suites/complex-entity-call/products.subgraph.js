"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("products", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.0"
        import: ["@key", "@external", "@extends", "@shareable"]
      )

    type Query {
      topProducts: ProductList!
    }

    type ProductList @key(fields: "products{id}") {
      products: [Product!]!
    }

    type Product @extends @key(fields: "id") {
      id: String! @external
      category: Category @shareable
    }

    type Category @key(fields: "id") {
      mainProduct: Product! @shareable
      id: String!
      tag: String @shareable
    }
  `,
    resolvers: {
        Query: {
            topProducts() {
                return {
                    products: data_js_1.products,
                };
            },
        },
        ProductList: {
            __resolveReference(key) {
                return {
                    products: data_js_1.products.filter((p) => key.products.some((k) => k.id === p.id)),
                };
            },
        },
        Product: {
            __resolveReference(key) {
                return data_js_1.products.find((product) => product.id === key.id);
            },
            category(product) {
                return data_js_1.categories.find((c) => c.id === product.categoryId);
            },
        },
        Category: {
            __resolveReference(key) {
                return data_js_1.categories.find((c) => c.id === key.id);
            },
            mainProduct(category) {
                return data_js_1.products.find((p) => p.id === category.mainProduct);
            },
        },
    },
});
