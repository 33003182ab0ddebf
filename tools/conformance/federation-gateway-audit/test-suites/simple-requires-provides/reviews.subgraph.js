"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("reviews", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@external", "@provides"]
      )

    type Review @key(fields: "id") {
      id: ID!
      body: String
      author: User @provides(fields: "username")
      product: Product
    }

    type User @key(fields: "id") {
      id: ID!
      username: String @external
      reviews: [Review]
    }

    type Product @key(fields: "upc") {
      upc: String!
      reviews: [Review]
    }
  `,
    resolvers: {
        Review: {
            __resolveReference(key) {
                const review = data_js_1.reviews.find((r) => r.id === key.id);
                if (!review) {
                    return null;
                }
                return {
                    id: review.id,
                    body: review.body,
                    authorId: review.authorId,
                    productUpc: review.productUpc,
                };
            },
            author(review) {
                const user = data_js_1.users.find((u) => u.id === review.authorId);
                if (!user) {
                    return null;
                }
                return {
                    id: user.id,
                    username: user.username,
                };
            },
            product(review) {
                const product = data_js_1.products.find((p) => p.upc === review.productUpc);
                if (!product) {
                    return null;
                }
                return {
                    upc: product.upc,
                    reviews: data_js_1.reviews
                        .filter((r) => r.productUpc === product.upc)
                        .map((r) => ({
                        id: r.id,
                        body: r.body,
                        authorId: r.authorId,
                        productUpc: r.productUpc,
                    })),
                };
            },
        },
        User: {
            __resolveReference(key) {
                const user = data_js_1.users.find((u) => u.id === key.id);
                if (!user) {
                    return null;
                }
                return {
                    id: user.id,
                    username: user.username,
                };
            },
            reviews(user) {
                return data_js_1.reviews.filter((r) => r.authorId === user.id);
            },
        },
        Product: {
            __resolveReference(key) {
                return {
                    upc: key.upc,
                };
            },
            reviews(product) {
                return data_js_1.reviews.filter((r) => r.productUpc === product.upc);
            },
        },
    },
});
