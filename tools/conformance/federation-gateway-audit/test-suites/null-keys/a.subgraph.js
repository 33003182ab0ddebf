"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Query {
      bookContainers: [BookContainer]
    }
    type BookContainer {
      book: Book
    }
    type Book @key(fields: "upc") {
      upc: ID!
    }
  `,
    resolvers: {
        Query: {
            bookContainers() {
                return data_js_1.books.map((book) => ({ book: { upc: book.upc } }));
            },
        },
        Book: {
            __resolveReference(reference) {
                if (reference != null) {
                    let book = data_js_1.books.find((book) => book.upc === reference.upc);
                    if (book != null && book.upc !== null) {
                        return {
                            __typename: "Book",
                            upc: book.upc,
                        };
                    }
                }
                throw new Error("Invalid reference");
            },
        },
    },
});
