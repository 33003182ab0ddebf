"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
const data_js_1 = require("./data.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        user {
          id
          nickname
        }
      }
    `, {
        data: {
            user: {
                id: data_js_1.users[0].id,
                nickname: data_js_1.users[0].nickname,
            },
        },
    }),
];
