"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
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
      byNovice: Boolean! @external
      byExpert: Boolean! @requires(fields: "byNovice")
    }

    type Author @key(fields: "id") {
      id: ID!
      name: String!
      yearsOfExperience: Int!
    }
  `,
    resolvers: {
        Query: {
            feed() {
                return data_js_1.posts.map((post) => ({ id: post.id }));
            },
        },
        Post: {
            __resolveReference(ref) {
                const post = data_js_1.posts.find((post) => post.id === ref.id);
                if (!post) {
                    return null;
                }
                if (ref.byNovice == null) {
                    return {
                        id: post.id,
                    };
                }
                return {
                    id: post.id,
                    byNovice: ref.byNovice,
                };
            },
            byExpert(post) {
                if (post.byNovice == null) {
                    // ensuring requires is not skipped
                    return null;
                }
                return !post.byNovice;
            },
        },
        Author: {
            __resolveReference(ref) {
                const author = data_js_1.authors.find((author) => author.id === ref.id);
                if (!author) {
                    return null;
                }
                return {
                    id: author.id,
                    name: author.name,
                    yearsOfExperience: author.yearsOfExperience,
                };
            },
        },
    },
});
