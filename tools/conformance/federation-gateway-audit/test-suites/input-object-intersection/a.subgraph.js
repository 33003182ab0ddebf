"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable"]
      )

    input UsersFilter {
      first: Int!
    }

    type User @key(fields: "id") {
      id: ID!
      name: String! @shareable
    }

    type Query {
      usersInA(filter: UsersFilter!): [User!]
    }
  `,
    resolvers: {
        Query: {
            usersInA(_, { filter }) {
                if ("offset" in filter) {
                    return [];
                }
                return data_js_1.users;
            },
        },
        User: {
            __resolveReference(key) {
                const user = data_js_1.users.find((user) => user.id === key.id);
                if (!user) {
                    return null;
                }
                return user;
            },
        },
    },
});
