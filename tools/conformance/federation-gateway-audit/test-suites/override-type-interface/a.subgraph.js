"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    interface Post {
      id: ID!
      createdAt: String!
    }

    type ImagePost implements Post @key(fields: "id") {
      id: ID!
      createdAt: String!
    }

    type Query {
      feed: [Post]
    }
  `,
    resolvers: {
        Query: {
            feed() {
                return data_js_1.imagePosts;
            },
        },
        ImagePost: {
            __resolveReference(key) {
                const post = data_js_1.imagePosts.find((p) => p.id === key.id);
                if (!post) {
                    return null;
                }
                return {
                    id: post.id,
                    createdAt: post.createdAt,
                };
            },
            createdAt() {
                return "NEVER";
            },
        },
    },
});
