"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@shareable"]
      )

    type User {
      id: ID @shareable
    }

    type Query {
      users: [User!]!
    }
  `,
    resolvers: {
        Query: {
            users() {
                return data_js_1.users.map((u) => ({ __typename: "User", id: u.id }));
            },
        },
    },
});
