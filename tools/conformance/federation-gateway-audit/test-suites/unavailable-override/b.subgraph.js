"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@override", "@shareable"]
      )

    type Post @key(fields: "id") {
      id: ID!
      createdAt: String! @override(from: "non-existing") @shareable
    }

    type Query {
      feed: [Post] @shareable
      bFeed: [Post]
    }
  `,
    resolvers: {
        Query: {
            feed() {
                return data_js_1.posts;
            },
            bFeed() {
                return [data_js_1.posts[0]];
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
        },
    },
});
