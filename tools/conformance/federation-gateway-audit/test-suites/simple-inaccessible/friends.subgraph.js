"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("friends", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@inaccessible", "@shareable"]
      )

    type Query {
      usersInFriends: [User!]!
    }

    type User @key(fields: "id") {
      id: ID
      friends(type: FriendType = FAMILY @inaccessible): [User!]!
      type: FriendType
    }

    enum FriendType {
      FAMILY @inaccessible
      FRIEND
    }
  `,
    resolvers: {
        Query: {
            usersInFriends() {
                return data_js_1.users.map((u) => ({
                    id: u.id,
                    friends: u.friends,
                }));
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
                    friends: user.friends,
                };
            },
            friends(user) {
                return user.friends.map((id) => {
                    const friend = data_js_1.users.find((u) => u.id === id);
                    if (!friend) {
                        return null;
                    }
                    return {
                        id: friend.id,
                        friends: friend.friends,
                    };
                });
            },
            type() {
                return "FAMILY";
            },
        },
    },
});
