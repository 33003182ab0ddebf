"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      union: Product
      interface: Node
    }

    union Product = Oven | Toaster

    interface Node {
      id: ID!
    }

    type Oven implements Node {
      id: ID!
    }

    type Toaster implements Node {
      id: ID!
    }

    interface User @key(fields: "id") {
      id: ID!
    }

    type Admin implements User @key(fields: "id") {
      id: ID!
      isMain: Boolean!
    }
  `,
    resolvers: {
        Query: {
            union() {
                return { id: "1", __typename: "Oven" };
            },
            interface() {
                return { id: "2", __typename: "Toaster" };
            },
        },
        User: {
            __resolveReference(key) {
                const user = data_js_1.users.find((user) => user.id === key.id);
                if (!user) {
                    return null;
                }
                return {
                    __typename: user.__typename,
                    id: user.id,
                };
            },
        },
        Admin: {
            __resolveReference(key) {
                const user = data_js_1.users.find((user) => user.id === key.id);
                if (!user) {
                    return null;
                }
                return {
                    __typename: user.__typename,
                    id: user.id,
                    isMain: user.isMain,
                };
            },
        },
    },
});
