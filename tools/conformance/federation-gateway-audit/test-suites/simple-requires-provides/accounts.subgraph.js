"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("accounts", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable"]
      )

    type Query {
      me: User
    }

    type User @key(fields: "id") {
      id: ID!
      name: String
      username: String @shareable
    }
  `,
    resolvers: {
        Query: {
            me() {
                return {
                    id: data_js_1.users[0].id,
                    name: data_js_1.users[0].name,
                    username: data_js_1.users[0].username,
                };
            },
        },
        User: {
            __resolveReference(key) {
                const user = data_js_1.users.find((u) => u.id === key.id);
                if (!user) {
                    return null;
                }
                return {
                    id: user.id,
                    name: user.name,
                    username: user.username,
                };
            },
        },
    },
});
