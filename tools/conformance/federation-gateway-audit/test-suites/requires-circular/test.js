"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      {
        feed {
          byNovice
        }
      }
    `, {
        data: {
            feed: [
                {
                    byNovice: true,
                },
                {
                    byNovice: false,
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      {
        feed {
          byExpert
        }
      }
    `, {
        data: {
            feed: [
                {
                    byExpert: false,
                },
                {
                    byExpert: true,
                },
            ],
        },
    }),
];
