"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@external", "@extends", "@provides"]
      )

    type Query {
      randomUser: User
      providedRandomUser: User @provides(fields: "name")
    }

    type User @key(fields: "id") @extends {
      id: ID! @external
      name: String! @external
      rid: ID
    }
  `,
    resolvers: {
        Query: {
            randomUser() {
                return {
                    id: data_js_1.users[0].id,
                    rid: data_js_1.users[0].rid,
                };
            },
            providedRandomUser() {
                return {
                    id: data_js_1.users[0].id,
                    rid: data_js_1.users[0].rid,
                    name: data_js_1.users[0].name,
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
                    rid: user.rid,
                };
            },
            name(user) {
                return user.name ?? "never";
            },
        },
    },
});
