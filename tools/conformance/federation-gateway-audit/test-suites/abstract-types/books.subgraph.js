"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("books", {
    typeDefs: /* GraphQL */ `
    schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable", "@external", "@requires"]
      ) {
      query: Query
    }

    type Book @key(fields: "id") {
      id: ID!
      title: String
    }

    type Query {
      books: [Book]
    }
  `,
    resolvers: {
        Query: {
            books() {
                return data_js_1.books.map((book) => ({
                    __typename: "Book",
                    id: book.id,
                    title: book.title,
                }));
            },
        },
        Book: {
            __resolveReference(key) {
                const book = data_js_1.books.find((book) => book.id === key.id);
                return book
                    ? {
                        __typename: "Book",
                        id: book.id,
                        title: book.title,
                    }
                    : null;
            },
        },
    },
});
