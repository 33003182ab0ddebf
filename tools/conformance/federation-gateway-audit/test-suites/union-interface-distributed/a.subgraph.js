"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@shareable", "@key"]
      )

    type Query {
      products: [Product]
      node(id: ID!): Node
      nodes: [Node]
      toasters: [Toaster]
    }

    union Product = Oven | Toaster

    interface Node {
      id: ID!
    }

    interface WithWarranty {
      warranty: Int
    }

    type Oven @key(fields: "id") {
      id: ID!
    }

    type Toaster implements Node & WithWarranty @key(fields: "id") {
      id: ID!
      warranty: Int
    }
  `,
    resolvers: {
        Query: {
            products() {
                return data_js_1.products.map((product) => {
                    if (product.__typename === "Oven") {
                        return {
                            __typename: "Oven",
                            id: product.id,
                        };
                    }
                    else {
                        return {
                            __typename: "Toaster",
                            id: product.id,
                            warranty: product.warranty,
                        };
                    }
                });
            },
            node(_, { id }) {
                const product = data_js_1.products.find((p) => p.id === id);
                if (product?.__typename === "Oven") {
                    return {
                        __typename: "Oven",
                        id: product.id,
                    };
                }
                else if (product?.__typename === "Toaster") {
                    return {
                        __typename: "Toaster",
                        id: product.id,
                        warranty: product.warranty,
                    };
                }
                return null;
            },
            toasters() {
                return data_js_1.products
                    .filter((product) => product.__typename === "Toaster")
                    .map((toaster) => ({
                    __typename: "Toaster",
                    id: toaster.id,
                    warranty: toaster.warranty,
                }));
            },
            nodes() {
                return data_js_1.products
                    .filter((product) => product.__typename === "Toaster")
                    .map((toaster) => ({
                    __typename: "Toaster",
                    id: toaster.id,
                    warranty: toaster.warranty,
                }));
            },
        },
        Oven: {
            __resolveReference(key) {
                const oven = data_js_1.products.find((p) => p.id === key.id);
                if (oven?.__typename === "Oven") {
                    return {
                        __typename: "Oven",
                        id: oven.id,
                    };
                }
                return null;
            },
            warranty() {
                throw new Error("Never");
            },
        },
        Toaster: {
            __resolveReference(key) {
                const toaster = data_js_1.products.find((p) => p.id === key.id);
                if (toaster?.__typename === "Toaster") {
                    return {
                        __typename: "Toaster",
                        id: toaster.id,
                        warranty: toaster.warranty,
                    };
                }
                return null;
            },
        },
    },
});
