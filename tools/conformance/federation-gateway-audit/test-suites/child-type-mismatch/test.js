"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      {
        users {
          id
          name
        }
        accounts {
          ... on User {
            id
            name
          }
          ... on Admin {
            id
            name
          }
        }
      }
    `, {
        data: {
            users: [
                {
                    id: "u1",
                    name: "u1-name",
                },
            ],
            accounts: [
                {
                    id: "u1",
                    name: "u1-name",
                },
                {
                    id: "a1",
                    name: "a1-name",
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query NestedInternalAlias {
        users {
          id
          name
        }
        accounts {
          ... on User {
            id
            name
            similarAccounts {
              ... on User {
                id
                name
              }
              ... on Admin {
                id
                name
              }
            }
          }
          ... on Admin {
            id
            name
            similarAccounts {
              ... on User {
                id
                name
              }
              ... on Admin {
                id
                name
              }
            }
          }
        }
      }
    `, {
        data: {
            users: [
                {
                    id: "u1",
                    name: "u1-name",
                },
            ],
            accounts: [
                {
                    id: "u1",
                    name: "u1-name",
                    similarAccounts: [
                        {
                            id: "u1",
                            name: "u1-name",
                        },
                        {
                            id: "a1",
                            name: "a1-name",
                        },
                    ],
                },
                {
                    id: "a1",
                    name: "a1-name",
                    similarAccounts: [
                        {
                            id: "u1",
                            name: "u1-name",
                        },
                        {
                            id: "a1",
                            name: "a1-name",
                        },
                    ],
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query DeeplyNestedInternalAlias {
        users {
          id
          name
        }
        accounts {
          ... on User {
            id
            name
            similarAccounts {
              ... on User {
                id
                name
                similarAccounts {
                  ... on User {
                    id
                    name
                  }
                  ... on Admin {
                    id
                    name
                  }
                }
              }
              ... on Admin {
                id
                name
                similarAccounts {
                  ... on User {
                    id
                    name
                  }
                  ... on Admin {
                    id
                    name
                  }
                }
              }
            }
          }
          ... on Admin {
            id
            name
            similarAccounts {
              ... on User {
                id
                name
                similarAccounts {
                  ... on User {
                    id
                    name
                  }
                  ... on Admin {
                    id
                    name
                  }
                }
              }
              ... on Admin {
                id
                name
                similarAccounts {
                  ... on User {
                    id
                    name
                  }
                  ... on Admin {
                    id
                    name
                  }
                }
              }
            }
          }
        }
      }
    `, {
        data: {
            users: [
                {
                    id: "u1",
                    name: "u1-name",
                },
            ],
            accounts: [
                {
                    id: "u1",
                    name: "u1-name",
                    similarAccounts: [
                        {
                            id: "u1",
                            name: "u1-name",
                            similarAccounts: [
                                {
                                    id: "u1",
                                    name: "u1-name",
                                },
                                {
                                    id: "a1",
                                    name: "a1-name",
                                },
                            ],
                        },
                        {
                            id: "a1",
                            name: "a1-name",
                            similarAccounts: [
                                {
                                    id: "u1",
                                    name: "u1-name",
                                },
                                {
                                    id: "a1",
                                    name: "a1-name",
                                },
                            ],
                        },
                    ],
                },
                {
                    id: "a1",
                    name: "a1-name",
                    similarAccounts: [
                        {
                            id: "u1",
                            name: "u1-name",
                            similarAccounts: [
                                {
                                    id: "u1",
                                    name: "u1-name",
                                },
                                {
                                    id: "a1",
                                    name: "a1-name",
                                },
                            ],
                        },
                        {
                            id: "a1",
                            name: "a1-name",
                            similarAccounts: [
                                {
                                    id: "u1",
                                    name: "u1-name",
                                },
                                {
                                    id: "a1",
                                    name: "a1-name",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query DeeplyNested {
        accounts {
          ... on User {
            name
            similarAccounts {
              ... on User {
                name
                similarAccounts {
                  ... on User {
                    name
                  }
                  ... on Admin {
                    name
                  }
                }
              }
              ... on Admin {
                name
                similarAccounts {
                  ... on User {
                    name
                  }
                  ... on Admin {
                    name
                  }
                }
              }
            }
          }
          ... on Admin {
            name
            similarAccounts {
              ... on User {
                name
                similarAccounts {
                  ... on User {
                    name
                  }
                  ... on Admin {
                    name
                  }
                }
              }
              ... on Admin {
                name
                similarAccounts {
                  ... on User {
                    name
                  }
                  ... on Admin {
                    name
                  }
                }
              }
            }
          }
        }
      }
    `, {
        data: {
            accounts: [
                {
                    name: "u1-name",
                    similarAccounts: [
                        {
                            name: "u1-name",
                            similarAccounts: [
                                {
                                    name: "u1-name",
                                },
                                {
                                    name: "a1-name",
                                },
                            ],
                        },
                        {
                            name: "a1-name",
                            similarAccounts: [
                                {
                                    name: "u1-name",
                                },
                                {
                                    name: "a1-name",
                                },
                            ],
                        },
                    ],
                },
                {
                    name: "a1-name",
                    similarAccounts: [
                        {
                            name: "u1-name",
                            similarAccounts: [
                                {
                                    name: "u1-name",
                                },
                                {
                                    name: "a1-name",
                                },
                            ],
                        },
                        {
                            name: "a1-name",
                            similarAccounts: [
                                {
                                    name: "u1-name",
                                },
                                {
                                    name: "a1-name",
                                },
                            ],
                        },
                    ],
                },
            ],
        },
    }),
];
