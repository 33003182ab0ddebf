"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("d", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@external", "@requires"]
      )

    type Post @key(fields: "id") {
      id: ID!
      author: Author @requires(fields: "comments(limit: 3) { authorId }")
      comments(limit: Int!): [Comment]
    }

    type Comment @key(fields: "id") {
      id: ID!
      date: String
      authorId: ID @external
    }

    type Author {
      id: ID!
      name: String
    }
  `,
    resolvers: {
        Post: {
            __resolveReference(key) {
                const post = data_js_1.posts.find((p) => p.id === key.id);
                if (!post) {
                    return null;
                }
                if (key.comments) {
                    if (key.comments.length !== 3) {
                        throw new Error("Expected 3 comments");
                    }
                    return {
                        id: post.id,
                        authorId: key.comments?.[2].authorId,
                    };
                }
                return {
                    id: post.id,
                };
            },
            author(post) {
                if (!post.authorId) {
                    return null;
                }
                const author = data_js_1.authors.find((a) => a.id === post.authorId);
                if (!author) {
                    return null;
                }
                return {
                    id: author.id,
                    name: author.name,
                };
            },
            comments(post, { limit }) {
                const coms = data_js_1.comments
                    .filter((comment) => comment.postId === post.id)
                    .slice(0, limit)
                    .map((c) => ({
                    id: c.id,
                }));
                return coms;
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
                };
            },
        },
    },
});
