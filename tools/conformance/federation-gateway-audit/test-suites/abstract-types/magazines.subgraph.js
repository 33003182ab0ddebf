"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("magazines", {
    typeDefs: /* GraphQL */ `
    schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable"]
      ) {
      query: Query
    }

    type Magazine @key(fields: "id") {
      id: ID!
      title: String
    }

    type Query {
      magazines: [Magazine]
    }
  `,
    resolvers: {
        Query: {
            magazines() {
                return data_js_1.magazines.map((magazine) => ({
                    __typename: magazine.__typename,
                    id: magazine.id,
                    title: magazine.title,
                }));
            },
        },
        Magazine: {
            __resolveReference(key) {
                const magazine = data_js_1.magazines.find((magazine) => magazine.id === key.id);
                return magazine
                    ? {
                        __typename: magazine.__typename,
                        id: magazine.id,
                        title: magazine.title,
                    }
                    : null;
            },
        },
    },
});
