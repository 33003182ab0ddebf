"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("c", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@external", "@requires"]
      )

    type Query {
      feed: [Post]
    }

    type Post @key(fields: "id") {
      id: ID!
    }

    type Comment @key(fields: "id") {
      id: ID!
      authorId: ID
      body: String!
    }
  `,
    resolvers: {
        Query: {
            feed() {
                return data_js_1.posts.map((post) => ({ id: post.id }));
            },
        },
        Post: {
            __resolveReference(key) {
                const post = data_js_1.posts.find((post) => post.id === key.id);
                if (!post) {
                    return null;
                }
                return {
                    id: post.id,
                };
            },
            comments(post, { limit }) {
                return data_js_1.comments
                    .filter((comment) => comment.postId === post.id)
                    .slice(0, limit)
                    .map((c) => ({
                    id: c.id,
                    authorId: c.authorId,
                    body: c.body,
                }));
            },
        },
        Comment: {
            __resolveReference(key) {
                const comment = data_js_1.comments.find((c) => c.id === key.id);
                if (!comment) {
                    return null;
                }
                return {
                    id: comment.id,
                    authorId: comment.authorId,
                    body: comment.body,
                };
            },
        },
    },
});
