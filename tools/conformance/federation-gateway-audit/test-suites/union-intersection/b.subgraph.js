"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
const movie = {
    __typename: "Movie",
    id: "m3",
    title: "A Movie Title",
    bTitle: "B Movie Title",
};
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@shareable", "@key"]
      )

    type Query {
      media: Media @shareable
      bMedia: Media @shareable
      book: Media @shareable
      viewer: Viewer @shareable
    }

    union Media = Book | Movie
    union ViewerMedia = Book | Movie

    type Movie @key(fields: "id") {
      id: ID!
      title: String! @shareable
      bTitle: String!
    }

    type Book @key(fields: "id") {
      id: ID!
      title: String! @shareable
      bTitle: String!
    }

    type Viewer {
      media: ViewerMedia @shareable
      bMedia: ViewerMedia
      book: ViewerMedia @shareable
    }
  `,
    resolvers: {
        Query: {
            media: () => data_js_1.media,
            bMedia: () => data_js_1.media,
            book: () => data_js_1.media,
            viewer: () => {
                return {
                    media: data_js_1.media,
                    bMedia: movie,
                    book: data_js_1.media,
                };
            },
        },
        Book: {
            __resolveReference(key) {
                if (key.id !== data_js_1.media.id) {
                    return null;
                }
                return data_js_1.media;
            },
        },
        Movie: {
            __resolveReference(key) {
                if (key.id !== movie.id) {
                    return null;
                }
                return movie;
            },
        },
    },
});
