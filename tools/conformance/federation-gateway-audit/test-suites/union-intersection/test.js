"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const testkit_js_1 = require("../../testkit.js");
const data_js_1 = require("./data.js");
exports.default = [
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        media {
          ... on Movie {
            title
          }
        }
      }
    `, {
        data: {
            media: {},
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        media {
          ... on Book {
            title
          }
        }
      }
    `, {
        data: {
            media: {
                title: data_js_1.media.title,
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        media {
          ... on Book {
            title
          }
          ... on Movie {
            title
          }
        }
      }
    `, {
        data: {
            media: {
                title: data_js_1.media.title,
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        viewer {
          media {
            __typename
            ... on Song {
              title
            }
            ... on Movie {
              title
            }
            ... on Book {
              title
            }
          }
          book {
            __typename
            ... on Song {
              title
            }
            ... on Movie {
              title
            }
            ... on Book {
              title
            }
          }
          song {
            __typename
            ... on Song {
              title
            }
            ... on Movie {
              title
            }
            ... on Book {
              title
            }
          }
        }
      }
    `, {
        data: {
            viewer: {
                media: {
                    __typename: "Book",
                    title: "The Lord of the Rings",
                },
                book: {
                    __typename: "Book",
                    title: "The Lord of the Rings",
                },
                song: {
                    __typename: "Song",
                    title: "Song Title",
                },
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        viewer {
          media {
            ... on Movie {
              title
            }
          }
        }
      }
    `, {
        data: {
            viewer: {
                media: {},
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        viewer {
          media {
            ... on Book {
              title
            }
          }
        }
      }
    `, {
        data: {
            viewer: {
                media: {
                    title: data_js_1.media.title,
                },
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        viewer {
          media {
            ... on Book {
              title
            }
            ... on Movie {
              title
            }
          }
        }
      }
    `, {
        data: {
            viewer: {
                media: {
                    title: data_js_1.media.title,
                },
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        viewer {
          media {
            __typename
            ... on Song {
              title
            }
            ... on Movie {
              title
            }
            ... on Book {
              title
            }
          }
          book {
            __typename
            ... on Song {
              title
            }
            ... on Movie {
              title
            }
            ... on Book {
              title
            }
          }
          song {
            __typename
            ... on Song {
              title
            }
            ... on Movie {
              title
            }
            ... on Book {
              title
            }
          }
        }
      }
    `, {
        data: {
            viewer: {
                media: {
                    __typename: "Book",
                    title: "The Lord of the Rings",
                },
                book: {
                    __typename: "Book",
                    title: "The Lord of the Rings",
                },
                song: {
                    __typename: "Song",
                    title: "Song Title",
                },
            },
        },
    }),
    // this part involves entity calls
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        aMedia {
          ... on Movie {
            title
            bTitle
          }
        }
      }
    `, {
        data: {
            aMedia: {},
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        aMedia {
          ... on Book {
            title
            aTitle
            bTitle
          }
        }
      }
    `, {
        data: {
            aMedia: {
                title: data_js_1.media.title,
                aTitle: data_js_1.media.aTitle,
                bTitle: data_js_1.media.bTitle,
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        viewer {
          media {
            __typename
            ... on Song {
              title
              aTitle
            }
            ... on Movie {
              title
              bTitle
            }
            ... on Book {
              title
              aTitle
              bTitle
            }
          }
          book {
            __typename
            ... on Song {
              title
              aTitle
            }
            ... on Movie {
              title
              bTitle
            }
            ... on Book {
              title
              aTitle
              bTitle
            }
          }
          song {
            __typename
            ... on Song {
              title
              aTitle
            }
            ... on Movie {
              title
              bTitle
            }
            ... on Book {
              title
              aTitle
              bTitle
            }
          }
        }
      }
    `, {
        data: {
            viewer: {
                media: {
                    __typename: "Book",
                    title: "The Lord of the Rings",
                    aTitle: "A: The Lord of the Rings",
                    bTitle: "B: The Lord of the Rings",
                },
                book: {
                    __typename: "Book",
                    title: "The Lord of the Rings",
                    aTitle: "A: The Lord of the Rings",
                    bTitle: "B: The Lord of the Rings",
                },
                song: {
                    __typename: "Song",
                    title: "Song Title",
                    aTitle: "A: Song Title",
                },
            },
        },
    }),
    (0, testkit_js_1.createTest)(
    /* GraphQL */ `
      query {
        viewer {
          aMedia {
            ... on Movie {
              title
              bTitle
            }
          }
          bMedia {
            ... on Movie {
              title
              bTitle
            }
          }
        }
      }
    `, {
        data: {
            viewer: {
                aMedia: {},
                bMedia: {
                    title: "A Movie Title",
                    bTitle: "B Movie Title",
                },
            },
        },
    }),
];
