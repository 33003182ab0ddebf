"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("c", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@requires", "@external"]
      )

    type User @key(fields: "id") {
      id: ID!
      name: String! @external
      cName: String! @requires(fields: "name")
    }

    type Query {
      userInC: User
    }
  `,
    resolvers: {
        Query: {
            userInC() {
                return data_js_1.users[2];
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
            name() {
                return "NEVER";
            },
            cName(user) {
                return `c__${user.name}`;
            },
        },
    },
});
