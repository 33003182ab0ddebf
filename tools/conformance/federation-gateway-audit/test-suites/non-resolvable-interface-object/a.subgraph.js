"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@interfaceObject"]
      )

    interface Node @key(fields: "id") {
      id: ID!
    }

    type Product @key(fields: "id", resolvable: false) @interfaceObject {
      id: ID!
    }

    type Query {
      a: Node
      product: Product!
    }
  `,
    resolvers: {
        Query: {
            a() {
                return { __typename: "Node", id: "n1" };
            },
            product() {
                return { __typename: "Product", id: data_js_1.products[0].id };
            },
        },
        Node: {
            __resolveReference() {
                throw new Error("Not resolvable as it is an interface object");
            },
        },
    },
});
