import { buildClientSchema, buildSchema, getIntrospectionQuery, graphqlSync } from 'graphql';

/**
 * Subgraph descriptions reach the workbench's GraphiQL docs, which render them as Markdown
 * with links made (markdown-it, `linkify`, exactly as GraphiQL 3 configures it). The
 * workbench makes each description inert first (gateway/workbench/inertLinks.js): rendered,
 * it holds no link, and every address still shows as text.
 */
const { inertDescription, inertIntrospection } = require('../../workbench/inertLinks.js') as {
  inertDescription: (text: string) => string;
  inertIntrospection: <T>(result: T) => T;
};
const MarkdownIt = require('markdown-it') as new (options: object) => { render(text: string): string };
const graphiqlMarkdown = new MarkdownIt({ breaks: true, linkify: true });
const render = (text: string) => graphiqlMarkdown.render(text);

const HOSTILE: [string, string, string[]][] = [
  ['a Markdown link', 'See [the official form](https://evil.example/phish) now.', ['the official form', 'https://evil.example/phish']],
  ['an image', 'Logo ![x](https://evil.example/beacon.png)', ['https://evil.example/beacon.png']],
  ['an autolink', 'Report to <https://evil.example/report>.', ['https://evil.example/report']],
  [
    'a bare address',
    'Details at https://evil.example/x?a=1&b=2 and www.evil.example too.',
    ['https://evil.example/x?a=1&amp;b=2', 'www.evil.example'],
  ],
  ['a bare domain', 'Mirror on evil.com, or evil.example.org.', ['evil.com', 'evil.example.org']],
  ['an e-mail address', 'Write to officer@evil.com or mailto:officer@evil.com.', ['officer@evil.com', 'mailto:officer@evil.com']],
  ['a reference link', 'Use [the portal][p].\n\n[p]: https://evil.example/portal', ['https://evil.example/portal']],
  ['a protocol-relative address', 'Load //evil.example/x', ['//evil.example/x']],
  ['a link inside a code-looking word', 'Try `x`https://evil.example/`y`', ['https://evil.example/']],
];

describe('inertDescription', () => {
  it.each(HOSTILE)('renders %s with no link, the address shown as text', (_case, description, shown) => {
    // The hostile text does make a link when GraphiQL renders it as it is.
    expect(render(description)).toMatch(/<a |<img /);
    const html = render(inertDescription(description));
    expect(html).not.toMatch(/<a |<img /);
    for (const text of shown) expect(html).toContain(text);
  });

  it('leaves ordinary descriptions as they read, code spans included', () => {
    for (const description of [
      'A notice by its control number, e.g. A-1234/5-2026.',
      'Checks a DNA profile. It answers hit/no-hit only: `matched: false`, or a HIT error at this path.',
      'Persons of the case, newest first.',
    ]) {
      expect(render(inertDescription(description))).toBe(render(description));
    }
  });
});

describe('inertIntrospection', () => {
  it('makes every description of a schema inert: types, fields, arguments, enum values, input fields', () => {
    const link = '[click](https://evil.example)';
    const schema = buildSchema(`
      "${link}" type Query { "${link}" field("${link}" arg: Kind, "${link}" filter: Filter): String }
      "${link}" enum Kind { "${link}" A }
      "${link}" input Filter { "${link}" x: Int }
    `);
    const result = graphqlSync({ schema, source: getIntrospectionQuery({ descriptions: true }) }) as { data: unknown };
    const inert = inertIntrospection(result);
    const descriptions = JSON.stringify(inert).match(/"description":"[^"]*"/g) ?? [];
    expect(descriptions.filter((d) => d.includes('click'))).toHaveLength(8);
    for (const description of descriptions) expect(render(JSON.parse(`{${description}}`).description)).not.toContain('<a ');
    // Still a schema GraphiQL can build.
    expect(buildClientSchema(inert.data as never).getQueryType()?.name).toBe('Query');
  });
});
