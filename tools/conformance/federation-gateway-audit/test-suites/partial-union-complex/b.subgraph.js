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
      rootB: Container
      shared: Container @shareable
    }

    type Container @key(fields: "id") {
      id: ID!
      wrapper: Wrapper @shareable
      bWrapper: Wrapper
    }

    type Wrapper @shareable {
      actions: [Action!]! @shareable
    }

    union Action = Common | OnlyB

    type Common @shareable {
      label: String
    }

    type OnlyB {
      b: String
    }
  `,
    resolvers: {
        Query: {
            rootB: () => ({ ...data_js_1.container, actions: data_js_1.bActions }),
            shared: () => ({ ...data_js_1.container, actions: data_js_1.sharedActions }),
        },
        Container: {
            __resolveReference(key) {
                if (key.id !== data_js_1.container.id) {
                    return null;
                }
                return { ...data_js_1.container, actions: data_js_1.bActions };
            },
            wrapper(parent) {
                return { actions: parent.actions ?? data_js_1.bActions };
            },
            bWrapper() {
                return { actions: data_js_1.bActions };
            },
        },
        Action: {
            __resolveType(value) {
                return value.__typename;
            },
        },
    },
});
