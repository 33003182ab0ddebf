"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@external", "@requires"]
      )

    type Post @key(fields: "id") {
      id: ID!
      author: Author!
      byNovice: Boolean! @requires(fields: "author { yearsOfExperience }")
    }

    type Author @key(fields: "id") {
      id: ID!
      yearsOfExperience: Int! @external
    }
  `,
    resolvers: {
        Post: {
            __resolveReference(ref) {
                const post = data_js_1.posts.find((post) => post.id === ref.id);
                if (!post) {
                    return null;
                }
                return {
                    id: post.id,
                    author: {
                        id: post.author.id,
                        ...ref.author,
                    },
                };
            },
            byNovice(post) {
                return post.author.yearsOfExperience < 10;
            },
        },
    },
});
