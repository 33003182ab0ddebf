"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const subgraph_js_1 = require("../../subgraph.js");
const data_js_1 = require("./data.js");
exports.default = (0, subgraph_js_1.createSubgraph)("c", {
    typeDefs: /* GraphQL */ `
    extend schema
      @link(
        url: "https://specs.apollo.dev/federation/v2.3"
        import: ["@key", "@shareable"]
      )

    interface Media {
      id: ID!
      animals: [Animal]
    }

    interface Animal {
      id: ID!
      name: String
    }

    type Book implements Media @key(fields: "id") {
      id: ID!
      animals: [Animal] @shareable
    }

    type Dog implements Animal @key(fields: "id") {
      id: ID!
      name: String @shareable
      age: Int
    }

    type Cat implements Animal @key(fields: "id") {
      id: ID!
      name: String @shareable
      age: Int
    }
  `,
    resolvers: {
        Query: {
            media() {
                if (data_js_1.pubishPoorPlans) {
                    throw new Error("You should be using the 'a' subgraph!");
                }
                return data_js_1.medias[0];
            },
        },
        Book: {
            __resolveReference(key) {
                const media = data_js_1.medias.find((media) => media.id === key.id);
                return media
                    ? {
                        __typename: "Book",
                        id: media.id,
                        animals: media.animals,
                    }
                    : null;
            },
            animals(book) {
                return book.animals.map((animalId) => {
                    const animal = data_js_1.animals.find((a) => a.id === animalId);
                    return animal
                        ? {
                            __typename: animal.__typename,
                            id: animal.id,
                            name: animal.name,
                        }
                        : null;
                });
            },
        },
        Cat: {
            __resolveReference(key) {
                const animal = data_js_1.animals.find((animal) => animal.id === key.id);
                return animal
                    ? {
                        __typename: "Cat",
                        id: animal.id,
                        name: animal.name,
                        age: animal.age,
                    }
                    : null;
            },
            age(cat) {
                const animal = data_js_1.animals.find((a) => a.id === cat.id);
                return animal ? animal.age : null;
            },
        },
        Dog: {
            __resolveReference(key) {
                if (data_js_1.pubishPoorPlans) {
                    // Nothing in tests should be calling this resolver
                    throw new Error("You should be using the 'c' subgraph!");
                }
                const animal = data_js_1.animals.find((animal) => animal.id === key.id);
                return animal
                    ? {
                        __typename: "Dog",
                        id: animal.id,
                        name: animal.name,
                        age: animal.age,
                    }
                    : null;
            },
            age(dog) {
                const animal = data_js_1.animals.find((a) => a.id === dog.id);
                return animal ? animal.age : null;
            },
        },
    },
});
