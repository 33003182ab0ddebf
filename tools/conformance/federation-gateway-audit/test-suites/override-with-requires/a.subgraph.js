"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@requires", "@external"]
      )

    type User @key(fields: "id") {
      id: ID!
      name: String! @external
      aName: String! @requires(fields: "name")
    }

    type Query {
      userInA: User
    }
  `,
    resolvers: {
        Query: {
            userInA() {
                return data_js_1.users[0];
            },
        },
        User: {
            __resolveReference(key) {
                const user = data_js_1.users.find((u) => u.id === key.id);
                if (!user) {
                    return null;
                }
                if ("name" in key) {
                    return {
                        id: user.id,
                        name: user.name,
                    };
                }
                return {
                    id: user.id,
                };
            },
            aName(user) {
                return `a__${user.name}`;
            },
            name() {
                return "NEVER";
            },
        },
    },
});
