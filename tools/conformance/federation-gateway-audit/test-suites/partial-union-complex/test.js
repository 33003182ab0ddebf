"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
const data_js_1 = require("./data.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        rootA {
          wrapper {
            actions {
              __typename
              ... on Common {
                label
              }
              ... on OnlyA {
                a
              }
              ... on OnlyB {
                b
              }
            }
          }
        }
      }
    `, {
        data: {
            rootA: {
                wrapper: {
                    actions: [
                        {
                            __typename: data_js_1.common.__typename,
                            label: data_js_1.common.label,
                        },
                        {
                            __typename: data_js_1.onlyA.__typename,
                            a: null,
                        },
                    ],
                },
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        rootB {
          wrapper {
            actions {
              __typename
              ... on Common {
                label
              }
              ... on OnlyA {
                a
              }
              ... on OnlyB {
                b
              }
            }
          }
        }
      }
    `, {
        data: {
            rootB: {
                wrapper: {
                    actions: [
                        {
                            __typename: data_js_1.common.__typename,
                            label: data_js_1.common.label,
                        },
                        {
                            __typename: data_js_1.onlyB.__typename,
                            b: null,
                        },
                    ],
                },
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        rootA {
          wrapper {
            actions {
              __typename
              ... on OnlyB {
                b
              }
            }
          }
        }
      }
    `, {
        data: {
            rootA: {
                wrapper: {
                    actions: [
                        {
                            __typename: data_js_1.common.__typename,
                        },
                        {
                            __typename: data_js_1.onlyA.__typename,
                        },
                    ],
                },
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        shared {
          wrapper {
            actions {
              __typename
              ... on Common {
                label
              }
              ... on OnlyA {
                a
              }
              ... on OnlyB {
                b
              }
            }
          }
        }
      }
    `, {
        data: {
            shared: {
                wrapper: {
                    actions: [
                        {
                            __typename: data_js_1.common.__typename,
                            label: data_js_1.common.label,
                        },
                    ],
                },
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        rootA {
          bWrapper {
            actions {
              __typename
              ... on Common {
                label
              }
              ... on OnlyA {
                a
              }
              ... on OnlyB {
                b
              }
            }
          }
        }
      }
    `, {
        data: {
            rootA: {
                bWrapper: {
                    actions: [
                        {
                            __typename: data_js_1.common.__typename,
                            label: data_js_1.common.label,
                        },
                        {
                            __typename: data_js_1.onlyB.__typename,
                            b: data_js_1.onlyB.b,
                        },
                    ],
                },
            },
        },
    }),
];
