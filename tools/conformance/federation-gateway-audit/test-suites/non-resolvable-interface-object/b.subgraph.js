"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@interfaceObject"]
      )

    type Node @key(fields: "id", resolvable: false) @interfaceObject {
      id: ID!
      field: String
    }

    interface Product @key(fields: "id") {
      id: ID!
    }

    type Bread implements Product @key(fields: "id") {
      id: ID!
      name: String!
    }

    type Query {
      b: Node
    }
  `,
    resolvers: {
        Query: {
            b() {
                return { __typename: "Node", id: "n1" };
            },
        },
        Node: {
            __resolveReference() {
                throw new Error("Not resolvable");
            },
            field() {
                return "foo";
            },
        },
        Product: {
            __resolveReference(key) {
                return data_js_1.products.find((p) => p.id === key.id);
            },
        },
        Bread: {
            __resolveReference(key) {
                return data_js_1.products.find((p) => p.id === key.id);
            },
        },
    },
});
