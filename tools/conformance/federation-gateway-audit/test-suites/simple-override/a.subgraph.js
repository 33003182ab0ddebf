"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable"]
      )

    type Post @key(fields: "id") {
      id: ID!
      createdAt: String! @shareable
    }

    type Query {
      feed: [Post] @shareable
      aFeed: [Post]
    }
  `,
    resolvers: {
        Query: {
            feed() {
                return data_js_1.posts;
            },
            aFeed() {
                return [data_js_1.posts[1]];
            },
        },
        Post: {
            __resolveReference(key) {
                const post = data_js_1.posts.find((p) => p.id === key.id);
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
