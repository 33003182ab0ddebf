"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("b", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.5"
        import: [
          "@key"
          "@shareable"
          "@inaccessible"
          "@external"
          "@requires"
        ]
      )

    type Query @shareable {
      b: Entity
      bb: Entity
    }

    type Entity @key(fields: "id") {
      id: ID!
      data: Foo @external
      requirer: String!
        @requires(
          fields: """
          data {
            foo
            ... on Bar {
              bar
              ... on Baz {
                baz
              }
              ... on Qux {
                qux
              }
            }
          }
          """
        )
      requirer2: String!
        @requires(
          fields: """
          data {
            ... on Foo {
              foo
            }
          }
          """
        )
    }

    interface Foo {
      foo: String!
    }

    interface Bar implements Foo {
      foo: String!
      bar: String!
    }

    type Baz implements Foo & Bar @shareable @inaccessible {
      foo: String!
      bar: String!
      baz: String!
    }

    type Qux implements Foo & Bar @shareable {
      foo: String!
      bar: String!
      qux: String!
    }
  `,
    resolvers: {
        Query: {
            b() {
                return data_js_1.entities[0];
            },
            bb() {
                return data_js_1.entities[1];
            },
        },
        Entity: {
            __resolveReference(key) {
                const entity = data_js_1.entities.find((e) => e.id === key.id);
                if (!entity) {
                    return null;
                }
                return {
                    ...entity,
                    ...key,
                };
            },
            data(entity) {
                const data = data_js_1.entities.find((e) => e.id === entity.id)?.data;
                if (!data) {
                    return null;
                }
                const baz = data_js_1.bazs.find((b) => b.id === data);
                if (baz) {
                    return baz;
                }
                const qux = data_js_1.quxs.find((q) => q.id === data);
                if (qux) {
                    return qux;
                }
                throw new Error("Invalid data");
            },
            requirer(entity) {
                if (!("data" in entity)) {
                    throw new Error("Expected entity to have a data field");
                }
                return entity.data.foo + "_requirer";
            },
            requirer2(entity) {
                if (!("data" in entity)) {
                    throw new Error("Expected entity to have a data field");
                }
                return entity.data.foo + "_requirer2";
            },
        },
    },
});
