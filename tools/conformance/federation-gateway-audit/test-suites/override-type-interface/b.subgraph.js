"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable", "@override"]
      )

    interface Post {
      id: ID!
      createdAt: String!
    }

    type TextPost implements Post @key(fields: "id") {
      id: ID!
      createdAt: String!
      body: String!
    }

    interface AnotherPost {
      id: ID!
      createdAt: String!
    }

    type ImagePost implements AnotherPost @key(fields: "id") {
      id: ID!
      createdAt: String! @override(from: "a")
    }

    type Query {
      anotherFeed: [AnotherPost]
    }
  `,
    resolvers: {
        Query: {
            anotherFeed() {
                return data_js_1.imagePosts;
            },
        },
        TextPost: {
            __resolveReference(key) {
                const post = data_js_1.textPosts.find((p) => p.id === key.id);
                if (!post) {
                    return null;
                }
                return {
                    id: post.id,
                    createdAt: post.createdAt,
                    body: post.body,
                };
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
        },
    },
});
