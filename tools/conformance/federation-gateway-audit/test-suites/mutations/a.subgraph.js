"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable"]
      )

    type Mutation {
      addProduct(input: AddProductInput!): Product!
      addCategory(name: String!, requestId: String!): Category! @shareable
      multiply(by: Int!, requestId: String!): Int!
    }

    type Query {
      product(id: ID!): Product!
      products: [Product!]!
    }

    input AddProductInput {
      name: String!
      price: Float!
    }

    type Product @key(fields: "id") {
      id: ID!
      name: String!
      price: Float!
    }

    type Category @key(fields: "id") {
      id: ID!
    }
  `,
    resolvers: {
        Query: {
            async product(_, { id }) {
                (0, data_js_1.initProducts)();
                const product = (await (0, data_js_1.getProducts)()).find((p) => p.id === id);
                if (!product) {
                    return null;
                }
                return {
                    id: product.id,
                    name: product.name,
                    price: product.price,
                };
            },
            async products() {
                (0, data_js_1.initProducts)();
                return (0, data_js_1.getProducts)();
            },
        },
        Mutation: {
            async multiply(_, args) {
                return (0, data_js_1.multiplyNumber)(args.by, args.requestId);
            },
            async addProduct(_, { input, }) {
                return (0, data_js_1.addProduct)(input.name, input.price);
            },
            async addCategory(_, { name, requestId, }) {
                return (0, data_js_1.addCategory)(name, requestId);
            },
        },
        Product: {
            async __resolveReference(key) {
                const products = await (0, data_js_1.getProducts)();
                const product = products.find((p) => p.id === key.id);
                if (!product) {
                    return null;
                }
                await (0, data_js_1.deleteProduct)(product.id);
                return {
                    id: product.id,
                    name: product.name,
                    price: product.price,
                };
            },
        },
        Category: {
            __resolveReference(key) {
                const categories = (0, data_js_1.getCategories)();
                const category = categories.find((p) => p.id === key.id);
                if (!category) {
                    return null;
                }
                return {
                    id: category.id,
                };
            },
        },
    },
});
