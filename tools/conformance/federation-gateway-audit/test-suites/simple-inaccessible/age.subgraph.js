"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("age", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@inaccessible", "@shareable"]
      )

    type Query {
      usersInAge: [User!]! @shareable
    }

    type User @key(fields: "id") {
      id: ID
      age: Int
    }
  `,
    resolvers: {
        Query: {
            usersInAge() {
                return data_js_1.users.map((u) => ({
                    id: u.id,
                    age: u.age,
                }));
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
                    age: user.age,
                };
            },
        },
    },
});
