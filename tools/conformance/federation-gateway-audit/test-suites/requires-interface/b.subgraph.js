"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable"]
      )

    type Query {
      b: User
    }

    interface Address {
      id: ID!
    }

    type HomeAddress implements Address @key(fields: "id") {
      id: ID!
      city: String @shareable
    }

    type WorkAddress implements Address @key(fields: "id") {
      id: ID!
      city: String @shareable
    }

    type SecondAddress implements Address @key(fields: "id") {
      id: ID!
      city: String @shareable
    }

    type User @key(fields: "id") {
      id: ID!
      name: String! @shareable
      address: Address @shareable
    }
  `,
    resolvers: {
        Query: {
            b() {
                const user = data_js_1.users[1];
                return {
                    id: user.id,
                    name: user.name,
                    address: user.address,
                };
            },
        },
        User: {
            __resolveReference(key) {
                const user = data_js_1.users.find((user) => user.id === key.id);
                if (!user) {
                    return null;
                }
                return {
                    id: user.id,
                    name: user.name,
                    address: user.address,
                };
            },
            address(user) {
                return data_js_1.addresses.find((address) => address.id === user.address);
            },
        },
        HomeAddress: {
            __resolveReference(key) {
                return data_js_1.addresses.find((address) => address.id === key.id);
            },
        },
        WorkAddress: {
            __resolveReference(key) {
                return data_js_1.addresses.find((address) => address.id === key.id);
            },
        },
    },
});
