"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const env_js_1 = require("../../env.js");
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable", "@external"]
      )

    type Query {
      media: [Media] @shareable
    }

    union Media = Book | Movie

    type Book @key(fields: "id") {
      id: ID!
    }

    type Movie @key(fields: "id") {
      id: ID!
    }
  `,
    resolvers: {
        Query: {
            media(_p, _a, context) {
                if ((0, env_js_1.shouldPunishForPoorPlans)()) {
                    throw new Error("You should not be using the 'a' subgraph!");
                }
                return data_js_1.medias.map((media) => ({
                    __typename: media.__typename,
                    id: media.id,
                }));
            },
        },
    },
});
