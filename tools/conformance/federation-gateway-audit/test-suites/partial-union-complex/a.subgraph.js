"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("a", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable"]
      )

    type Query {
      rootA: Container
      shared: Container @shareable
    }

    type Container @key(fields: "id") {
      id: ID!
      wrapper: Wrapper @shareable
    }

    type Wrapper @shareable {
      actions: [Action!]! @shareable
    }

    union Action = Common | OnlyA

    type Common @shareable {
      label: String
    }

    type OnlyA {
      a: String
    }
  `,
    resolvers: {
        Query: {
            rootA: () => ({ ...data_js_1.container, actions: data_js_1.aActions }),
            shared: () => ({ ...data_js_1.container, actions: data_js_1.sharedActions }),
        },
        Container: {
            __resolveReference(key) {
                if (key.id !== data_js_1.container.id) {
                    return null;
                }
                return { ...data_js_1.container, actions: data_js_1.aActions };
            },
            wrapper(parent) {
                return { actions: parent.actions ?? data_js_1.aActions };
            },
        },
        Action: {
            __resolveType(value) {
                return value.__typename;
            },
        },
    },
});
