"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("nickname", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.0"
        import: ["@key", "@external"]
      )

    type User @key(fields: "email") {
      email: String! @external
      nickname: String!
    }
  `,
    resolvers: {
        User: {
            __resolveReference(key) {
                const user = data_js_1.users.find((u) => u.email === key.email);
                if (!user) {
                    return null;
                }
                return {
                    nickname: user.nickname,
                };
            },
        },
    },
});
