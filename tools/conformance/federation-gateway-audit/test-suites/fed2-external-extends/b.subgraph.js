"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable"]
      )

    type Query {
      userById(id: ID): User
    }

    type User @key(fields: "id") {
      id: ID!
      name: String! @shareable
      nickname: String
    }
  `,
    resolvers: {
        Query: {
            userById: (_, { id }) => {
                const user = data_js_1.users.find((u) => u.id === id);
                if (!user) {
                    return null;
                }
                return {
                    id: user.id,
                    name: user.name,
                    nickname: user.nickname,
                };
            },
        },
        User: {
            __resolveReference: (key) => {
                const user = data_js_1.users.find((u) => u.id === key.id);
                if (!user) {
                    return null;
                }
                return {
                    id: user.id,
                    name: user.name,
                    nickname: user.nickname,
                };
            },
        },
    },
});
