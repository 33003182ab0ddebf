"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        users {
          id
        }
      }
    `, {
        data: {
            users: [
                {
                    id: "u1",
                },
                {
                    id: "u2",
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        users {
          id
          type
        }
      }
    `, {
        errors: true,
        data: {
            users: [
                {
                    id: "u1",
                    type: "REGULAR",
                },
                {
                    id: "u2",
                    type: null,
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        usersB {
          id
          type
        }
      }
    `, {
        data: {
            usersB: [
                {
                    id: "u1",
                    type: "REGULAR",
                },
                {
                    id: "u2",
                    type: null,
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        usersByType(type: REGULAR) {
          id
          type
        }
      }
    `, {
        data: {
            usersByType: [
                {
                    id: "u1",
                    type: "REGULAR",
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        usersByType(type: ANONYMOUS) {
          id
          type
        }
      }
    `, {
        errors: true,
        data: null,
    }),
];
