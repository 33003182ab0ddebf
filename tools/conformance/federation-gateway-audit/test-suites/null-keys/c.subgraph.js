"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("c", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Book @key(fields: "id") {
      id: ID!
      author: Author
    }

    type Author {
      id: ID!
      name: String
    }
  `,
    resolvers: {
        Book: {
            __resolveReference(reference) {
                if (reference != null) {
                    let book;
                    if ("id" in reference && reference.id !== null) {
                        book = data_js_1.books.find((book) => book.id === reference.id);
                    }
                    if ("upc" in reference && reference.upc !== null) {
                        book = data_js_1.books.find((book) => book.upc === reference.upc);
                    }
                    if (book != null) {
                        return {
                            __typename: "Book",
                            id: book.id,
                            author: {
                                __typename: "Author",
                                id: book.author.id,
                                name: book.author.name,
                            },
                        };
                    }
                }
                throw new Error("Invalid reference");
            },
        },
    },
});
