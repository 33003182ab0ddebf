"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@inaccessible", "@shareable"]
      )

    type Query {
      usersByType(type: UserType!): [User!]
      usersB: [User!]
    }

    extend type User @key(fields: "id") {
      id: ID
      type: UserType @shareable
    }

    enum UserType {
      ANONYMOUS @inaccessible
      REGULAR
    }
  `,
    resolvers: {
        Query: {
            usersByType(_, { type }) {
                return data_js_1.users.filter((u) => u.type === type);
            },
            usersB() {
                return data_js_1.users;
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
                    type: user.type,
                };
            },
        },
    },
});
