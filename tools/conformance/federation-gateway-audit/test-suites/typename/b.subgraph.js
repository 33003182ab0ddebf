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

    type Query {
      users: [User]
    }

    type User @key(fields: "id") @interfaceObject {
      id: ID!
      name: String!
    }
  `,
    resolvers: {
        Query: {
            users() {
                return data_js_1.users.map((user) => {
                    return {
                        // I deliberately return no __typename as it should not be resolved by the @interfaceObject
                        id: user.id,
                    };
                });
            },
        },
        User: {
            __resolveReference(key) {
                const user = data_js_1.users.find((user) => user.id === key.id);
                if (!user) {
                    return null;
                }
                return {
                    // I deliberately return no __typename as it should not be resolved by the @interfaceObject
                    id: user.id,
                };
            },
            name(user) {
                return data_js_1.users.find((u) => u.id === user.id)?.name;
            },
        },
    },
});
