"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable"]
      )

    type Book @key(fields: "id") {
      id: ID!
      price: Float @shareable
    }
  `,
    resolvers: {
        Book: {
            __resolveReference(key) {
                const book = data_js_1.books.find((b) => b.id === key.id);
                if (!book) {
                    return null;
                }
                return {
                    __typename: book.__typename,
                    id: book.id,
                    price: book.price,
                };
            },
        },
    },
});
