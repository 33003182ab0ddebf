"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.5"
        import: ["@key", "@shareable"]
      )

    type Query @shareable {
      a: Entity
    }

    type Entity @key(fields: "id") {
      id: ID!
      data: Foo
    }

    interface Foo {
      foo: String!
    }

    interface Bar implements Foo {
      foo: String!
      bar: String!
    }

    type Baz implements Foo & Bar @shareable {
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
            a() {
                return data_js_1.entities[1];
            },
        },
        Entity: {
            __resolveReference(key) {
                const entity = data_js_1.entities.find((e) => e.id === key.id);
                if (!entity) {
                    return null;
                }
                return entity;
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
        },
    },
});
