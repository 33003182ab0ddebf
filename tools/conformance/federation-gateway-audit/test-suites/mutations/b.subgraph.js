"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@external", "@requires", "@shareable"]
      )

    type Product @key(fields: "id") {
      id: ID!
      price: Float! @external
      isExpensive: Boolean! @requires(fields: "price")
      isAvailable: Boolean!
    }

    type Mutation {
      delete(requestId: String!): Int!
      addCategory(name: String!, requestId: String!): Category! @shareable
    }

    type Category @key(fields: "id") {
      id: ID!
      name: String!
    }
  `,
    resolvers: {
        Mutation: {
            delete(_, args) {
                return (0, data_js_1.deleteNumber)(args.requestId);
            },
            async addCategory(_, { name, requestId, }) {
                return (0, data_js_1.addCategory)(name, requestId);
            },
        },
        Product: {
            async __resolveReference(key) {
                const product = (await (0, data_js_1.getProducts)()).find((product) => product.id === key.id);
                if (!product) {
                    return null;
                }
                await (0, data_js_1.deleteProduct)(product.id);
                if (typeof product.price === "number") {
                    return {
                        id: product.id,
                        isAvailable: true,
                        price: product.price,
                    };
                }
                return {
                    id: product.id,
                    isAvailable: false,
                };
            },
            isExpensive(product) {
                if (typeof product.price !== "number") {
                    throw new Error("Price is not available");
                }
                return product.price > 100;
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
                    name: category.name,
                };
            },
        },
    },
});
