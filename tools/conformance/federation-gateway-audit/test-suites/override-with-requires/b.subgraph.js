"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@override"]
      )

    type User @key(fields: "id") {
      id: ID!
      name: String! @override(from: "c")
    }

    type Query {
      userInB: User
    }
  `,
    resolvers: {
        Query: {
            userInB() {
                return data_js_1.users[1];
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
                };
            },
        },
    },
});
