"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        anotherUsers {
          id
          name
          username
        }
      }
    `, {
        data: {
            anotherUsers: [
                {
                    id: "u1",
                    name: "u1-name",
                    username: "u1-username",
                },
                {
                    id: "u2",
                    name: "u2-name",
                    username: "u2-username",
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        users {
          id
          name
          username
        }
      }
    `, {
        data: {
            users: [
                {
                    id: "u1",
                    name: "u1-name",
                    username: "u1-username",
                },
                {
                    id: "u2",
                    name: "u2-name",
                    username: "u2-username",
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        anotherUsers {
          ... on User {
            age
          }
        }
      }
    `, {
        data: {
            anotherUsers: [
                {
                    age: 11,
                },
                {
                    age: 22,
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        users {
          ... on User {
            age
          }
        }
      }
    `, {
        data: {
            users: [
                {
                    age: 11,
                },
                {
                    age: 22,
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        anotherUsers {
          ... on User {
            age
            id
            name
            username
          }
          id
          name
        }
      }
    `, {
        data: {
            anotherUsers: [
                {
                    age: 11,
                    id: "u1",
                    name: "u1-name",
                    username: "u1-username",
                },
                {
                    age: 22,
                    id: "u2",
                    name: "u2-name",
                    username: "u2-username",
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        users {
          ... on User {
            age
            id
            name
            username
          }
          id
          name
        }
      }
    `, {
        data: {
            users: [
                {
                    age: 11,
                    id: "u1",
                    name: "u1-name",
                    username: "u1-username",
                },
                {
                    age: 22,
                    id: "u2",
                    name: "u2-name",
                    username: "u2-username",
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        users {
          ... on User {
            age
            id
            name
            username
          }
          id
          name
        }
      }
    `, {
        data: {
            users: [
                {
                    age: 11,
                    id: "u1",
                    name: "u1-name",
                    username: "u1-username",
                },
                {
                    age: 22,
                    id: "u2",
                    name: "u2-name",
                    username: "u2-username",
                },
            ],
        },
    }),
];
