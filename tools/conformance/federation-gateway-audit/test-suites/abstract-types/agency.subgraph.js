"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("agency", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

    type Agency @key(fields: "id") {
      id: ID!
      companyName: String
      email: Email
    }

    type Email {
      address: String
    }

    type Group @key(fields: "id") {
      id: ID!
      name: String
      email: String
    }

    extend union PublisherType = Agency | Group
  `,
    resolvers: {
        Agency: {
            __resolveReference(key) {
                return data_js_1.agencies.find((a) => a.id === key.id);
            },
        },
        Group: {
            __resolveReference(key) {
                return {
                    id: key.id,
                    name: "Group " + key.id,
                    email: "group" + key.id + "@example.com",
                };
            },
        },
    },
});
