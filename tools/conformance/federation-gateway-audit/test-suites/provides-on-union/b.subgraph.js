"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable", "@provides", "@external"]
      )

    type Query {
      media: [Media] @shareable @provides(fields: "... on Book { title }")
    }

    union Media = Book | Movie

    type Book @key(fields: "id") {
      id: ID!
      title: String @external
    }

    type Movie @key(fields: "id") {
      id: ID!
    }
  `,
    resolvers: {
        Query: {
            media() {
                return data_js_1.medias.map((media) => {
                    if (media.__typename === "Book") {
                        return {
                            __typename: media.__typename,
                            id: media.id,
                            title: media.title,
                        };
                    }
                    return {
                        __typename: media.__typename,
                        id: media.id,
                    };
                });
            },
        },
    },
});
