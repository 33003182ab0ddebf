"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        randomUser {
          id
          name
        }
        userById(id: "u2") {
          id
          name
          nickname
        }
      }
    `, {
        data: {
            randomUser: {
                id: "u1",
                name: "u1-name",
            },
            userById: {
                id: "u2",
                name: "u2-name",
                nickname: "u2-nickname",
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        randomUser {
          id
          rid
        }
      }
    `, {
        data: {
            randomUser: {
                id: "u1",
                rid: "u1-rid",
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        randomUser {
          id
          rid
          name
        }
      }
    `, {
        data: {
            randomUser: {
                id: "u1",
                rid: "u1-rid",
                name: "u1-name",
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        providedRandomUser {
          id
          rid
          name
        }
      }
    `, {
        data: {
            providedRandomUser: {
                id: "u1",
                rid: "u1-rid",
                name: "u1-name",
            },
        },
    }),
];
