"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const env_js_1 = require("../../env.js");
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("c", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable"]
      )

    type Book @key(fields: "id") {
      id: ID!
      title: String @shareable
    }

    type Movie @key(fields: "id") {
      id: ID!
      title: String @shareable
    }
  `,
    resolvers: {
        Book: {
            __resolveReference(key, context) {
                if ((0, env_js_1.shouldPunishForPoorPlans)()) {
                    throw new Error("You should be using the 'b' subgraph!");
                }
                const media = data_js_1.medias.find((media) => media.id === key.id);
                if (!media) {
                    return null;
                }
                return {
                    __typename: media.__typename,
                    id: media.id,
                    title: media.title,
                };
            },
        },
        Movie: {
            __resolveReference(key) {
                const media = data_js_1.medias.find((media) => media.id === key.id);
                if (!media) {
                    return null;
                }
                return {
                    __typename: media.__typename,
                    id: media.id,
                    title: media.title,
                };
            },
        },
    },
});
