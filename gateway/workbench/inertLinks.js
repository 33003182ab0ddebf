// Schema descriptions come from every subgraph, contributed ones included, and GraphiQL's
// docs render them as Markdown that makes links (markdown-it with linkify). So that no
// contributed schema can place a live link in analysts' docs, each description is rewritten
// before GraphiQL sees it: a link shows as its text and its address in plain code, and
// anything the Markdown renderer could turn into a link (an address, a domain, an e-mail,
// an autolink, a reference) is shown as code or escaped. Nothing is removed from view.

/** Runs of backticks already in the text: code spans, which Markdown never turns into links. */
const CODE_SPAN = /(`+)[\s\S]*?\1/g;
/** `[text](address "title")` and `![alt](address)`: kept as text and address. */
const INLINE_LINK = /!?\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g;
/** A word a linkifier could read as a link: a scheme (`https:…`, `mailto:…`) or `//`, or a dot before letters (a domain, an e-mail's). */
const LINK_LIKE = /[a-z][a-z0-9+.-]*:\S|\/\/|\.\p{L}{2}|^www\./iu;

/** `word` in a code span whose fence is longer than any backtick run inside it. */
function asCode(word) {
  const longest = Math.max(0, ...(word.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = word.startsWith('`') || word.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${word}${pad}${fence}`;
}

/** Plain text outside code spans: link-like words become code, link and HTML punctuation is escaped. */
function inertText(text) {
  return text
    .replace(INLINE_LINK, (_link, label, address) => (address ? `${label} (${address})` : label))
    .split(/(\s+)/)
    .map((word) => (word.trim() === '' ? word : LINK_LIKE.test(word) ? asCode(word) : word.replace(/([[\]<>\\])/g, '\\$1')))
    .join('');
}

/** A description that renders with no live link: every address stays visible, as text. */
export function inertDescription(description) {
  if (typeof description !== 'string' || description === '') return description;
  let out = '';
  let at = 0;
  for (const match of description.matchAll(CODE_SPAN)) {
    out += inertText(description.slice(at, match.index)) + match[0];
    at = match.index + match[0].length;
  }
  return out + inertText(description.slice(at));
}

/** An introspection answer with every description (schema, types, fields, arguments, values, directives) made inert. */
export function inertIntrospection(result) {
  const schema = result?.data?.__schema;
  if (!schema) return result;
  const visit = (node) => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, key === 'description' ? inertDescription(value) : visit(value)]),
    );
  };
  return { ...result, data: { ...result.data, __schema: visit(schema) } };
}
