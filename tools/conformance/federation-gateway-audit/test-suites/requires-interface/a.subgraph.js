"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@requires", "@external", "@shareable"]
      )

    type Query {
      a: User
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

    type User @key(fields: "id") {
      id: ID!
      name: String! @shareable
      address: Address @external
      city: String @requires(fields: "address { id }")
      country: String @requires(fields: "address { ... on WorkAddress { id } }")
    }
  `,
    resolvers: {
        Query: {
            a() {
                const user = data_js_1.users[0];
                return {
                    id: user.id,
                    name: user.name,
                };
            },
        },
        User: {
            __resolveReference(key) {
                const user = data_js_1.users.find((user) => user.id === key.id);
                if (!user) {
                    return null;
                }
                if (key.address?.id) {
                    return {
                        id: user.id,
                        name: user.name,
                        address: {
                            id: user.address,
                        },
                    };
                }
                return {
                    id: user.id,
                    name: user.name,
                };
            },
            city(user) {
                return data_js_1.addresses.find((address) => address.id === user.address.id)
                    ?.city;
            },
            country(user) {
                return data_js_1.addresses.find((address) => address.id === user?.address?.id)
                    ?.country;
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
