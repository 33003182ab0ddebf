"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
const song = {
    __typename: "Song",
    id: "s2",
    title: "Song Title",
    aTitle: "A: Song Title",
};
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@shareable", "@key"]
      )

    union Media = Book | Song
    union ViewerMedia = Book | Song

    type Book @key(fields: "id") {
      id: ID!
      title: String! @shareable
      aTitle: String!
    }

    type Song @key(fields: "id") {
      id: ID!
      title: String! @shareable
      aTitle: String!
    }

    type Query {
      media: Media @shareable
      aMedia: Media @shareable
      book: Book @shareable
      song: Media @shareable
      viewer: Viewer @shareable
    }

    type Viewer {
      media: ViewerMedia @shareable
      aMedia: ViewerMedia
      book: Book @shareable
      song: ViewerMedia @shareable
    }
  `,
    resolvers: {
        Query: {
            media: () => data_js_1.media,
            aMedia: () => data_js_1.media,
            book: () => data_js_1.media,
            song: () => song,
            viewer: () => {
                return {
                    media: data_js_1.media,
                    aMedia: data_js_1.media,
                    book: data_js_1.media,
                    song: song,
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
        Song: {
            __resolveReference(key) {
                if (key.id !== song.id) {
                    return null;
                }
                return song;
            },
        },
    },
});
