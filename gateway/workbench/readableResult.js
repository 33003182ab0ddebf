// A GraphQL answer in plain words, beside GraphiQL's raw JSON: a refusal and what to do
// about it, the hit/no-hit answer of each lookup, the fields the policy denied and why,
// and how each record must be handled. Everything is built as DOM text, never as HTML.

import { formatPath, resultGraph } from './resultGraph.js';

/** Makes an element with attributes and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes))
    if (value !== undefined && value !== null) element.setAttribute(name, String(value));
  for (const child of children.flat())
    if (child !== null && child !== undefined && child !== false) element.append(child instanceof Node ? child : String(child));
  return element;
}

/** Lookups that answer hit/no-hit in a register: a null value with no error means nothing is recorded. */
const LOOKUPS = [
  {
    type: 'TravelDocument',
    field: 'sltd',
    register: 'SLTD (stolen and lost travel documents)',
    subject: (o) => [o.issuingCountry, o.documentType, o.number].filter(Boolean).join(' ') || 'this document',
  },
  { type: 'Vehicle', field: 'smv', register: 'SMV (stolen motor vehicles)', subject: (o) => (o.vin ? `VIN ${o.vin}` : 'this vehicle') },
  {
    type: 'Firearm',
    field: 'record',
    register: 'the firearms records',
    subject: (o) => [o.make, o.serialNumber].filter(Boolean).join(' ') || 'this firearm',
  },
];

const samePath = (a, b) => Array.isArray(a) && a.length === b.length && a.every((segment, i) => segment === b[i]);
const codeOf = (error) => (typeof error?.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN');

/** A 401 or 403 refusal, in words; null when the answer is not one. */
export function describeRefusal(answer, words) {
  if (answer.status !== 401 && answer.status !== 403) return null;
  const error = answer.result?.errors?.[0];
  const code = codeOf(error);
  const reason = typeof error?.extensions?.reason === 'string' ? error.extensions.reason : null;
  return {
    status: answer.status,
    code,
    reason,
    message: error?.message ?? '',
    advice: (reason && words.refusals[reason]) || words.codes[code] || 'The gateway refused the request.',
  };
}

/** A refusal as an alert: the advice first, then the status, code, reason and the gateway's own message. */
export function refusalElement(refusal) {
  return el(
    'div',
    { class: 'wb-refusal', role: 'alert', 'data-reason': refusal.reason ?? refusal.code },
    el('strong', {}, `Refused (${refusal.status} ${refusal.reason ?? refusal.code}): `),
    refusal.advice,
    el('span', { class: 'wb-detail' }, ` ${refusal.code}: ${refusal.message}`),
  );
}

/** Every object in `data` with its path. */
function* objectsOf(value, path = []) {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* objectsOf(value[i], [...path, i]);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  yield { object: value, path };
  for (const [field, child] of Object.entries(value)) yield* objectsOf(child, [...path, field]);
}

/** The hit/no-hit answer of each lookup in the data. */
function lookupAnswers(data, errors) {
  const answers = [];
  for (const { object, path } of objectsOf(data)) {
    if (object.matched === false) answers.push({ kind: 'no-hit', path, text: 'No hit: nothing on record matches.' });
    for (const lookup of LOOKUPS) {
      if (object.__typename !== lookup.type || !(lookup.field in object)) continue;
      const at = [...path, lookup.field];
      const error = errors.find((e) => samePath(e.path, at));
      const value = object[lookup.field];
      const subject = lookup.subject(object);
      if (error) continue; // a hit (existence only) or a denial, each said in its own section
      if (value === null) {
        answers.push({ kind: 'no-hit', path: at, text: `No hit: ${lookup.register} holds nothing on ${subject}.` });
      } else if (typeof value === 'object') {
        const facts = [value.status, value.id && `record ${value.id}`, value.provenance?.owner && `owner ${value.provenance.owner}`]
          .filter(Boolean)
          .join(', ');
        answers.push({ kind: 'hit', path: at, text: `Hit: ${lookup.register} holds ${subject}${facts ? `: ${facts}` : ''}.` });
      }
    }
  }
  return answers;
}

/** How each record must be handled: the gateway's `extensions.handling`, or the records' own provenance. */
function handlingRows(result) {
  if (Array.isArray(result?.extensions?.handling)) return result.extensions.handling;
  return resultGraph(result)
    .nodes.filter((node) => node.handling)
    .map((node) => ({
      type: node.type,
      id: node.id,
      owner: node.owner,
      code: node.handling,
      tlp: node.tlp,
      conditions: null,
      evidentialUse: node.handling !== 'H1',
    }));
}

function section(title, className, ...content) {
  return el('section', { class: `wb-section ${className}` }, el('h2', { class: 'wb-heading' }, title), ...content);
}

/**
 * Renders one answer (`{ status, result }` or `{ status, error }`) into `container`.
 * `words` are the gateway's plain words for its codes (see workbenchWords.ts).
 */
export function renderReadableResult(container, answer, words) {
  const parts = [];
  if (answer.error) {
    parts.push(
      el(
        'div',
        { class: 'wb-refusal', role: 'alert' },
        el('strong', {}, 'No answer: '),
        `the gateway could not be read (${answer.status || 'no connection'}). ${answer.error}`,
      ),
    );
    container.replaceChildren(...parts);
    return;
  }
  const result = answer.result ?? {};
  const errors = Array.isArray(result.errors) ? result.errors : [];
  const refusal = describeRefusal(answer, words);
  const hits = errors.filter((e) => codeOf(e) === 'HIT');
  const denials = errors.filter((e) => codeOf(e) === 'FORBIDDEN' && Array.isArray(e.path));
  const others = refusal ? [] : errors.filter((e) => !hits.includes(e) && !denials.includes(e));
  const lookups = lookupAnswers(result.data, errors);
  const handling = handlingRows(result);

  parts.push(
    el(
      'p',
      { class: 'wb-summary' },
      `HTTP ${answer.status} · ${handling.length} record${handling.length === 1 ? '' : 's'} · ${hits.length} hit${hits.length === 1 ? '' : 's'} (existence only) · ${denials.length} field${denials.length === 1 ? '' : 's'} denied`,
    ),
  );
  if (refusal) parts.push(refusalElement(refusal));

  if (lookups.length > 0) {
    parts.push(
      section(
        'Checks',
        'wb-checks',
        el(
          'ul',
          {},
          lookups.map((a) => el('li', { class: `wb-${a.kind}`, 'data-path': formatPath(a.path) }, a.text)),
        ),
      ),
    );
  }
  if (hits.length > 0) {
    parts.push(
      section(
        'Hits: the record exists, its content is not released',
        'wb-hits',
        el(
          'ul',
          {},
          hits.map((error) => {
            const hit = error.extensions?.hit ?? {};
            return el(
              'li',
              { class: 'wb-hit', 'data-path': formatPath(error.path) },
              el('strong', {}, formatPath(error.path) || 'result'),
              `: a record of ${hit.owner ?? 'another agency'} matches. Contact ${hit.contactPoint ?? 'the owner'}, citing ${hit.reference ?? 'the reference'}, to ask for its release. `,
              hit.advice ?? words.codes.HIT,
            );
          }),
        ),
      ),
    );
  }
  if (denials.length > 0) {
    parts.push(
      section(
        'Denied fields',
        'wb-denials',
        el(
          'ul',
          {},
          denials.map((error) => {
            const reason = error.extensions?.reason;
            return el(
              'li',
              { class: 'wb-denial', 'data-path': formatPath(error.path), 'data-reason': reason },
              el('strong', {}, formatPath(error.path)),
              error.extensions?.field ? ` (${error.extensions.field})` : '',
              `: ${words.denials[reason] ?? error.message} `,
              el('span', { class: 'wb-code' }, reason ?? 'FORBIDDEN'),
            );
          }),
        ),
      ),
    );
  }
  if (others.length > 0) {
    parts.push(
      section(
        'Other errors',
        'wb-errors',
        el(
          'ul',
          {},
          others.map((error) => {
            const code = codeOf(error);
            return el(
              'li',
              { 'data-code': code },
              error.path ? el('strong', {}, `${formatPath(error.path)}: `) : '',
              `${words.codes[code] ?? ''} ${error.message} `,
              el('span', { class: 'wb-code' }, code),
            );
          }),
        ),
      ),
    );
  }
  if (handling.length > 0) {
    parts.push(
      section(
        'Handling of each record',
        'wb-handling',
        el(
          'table',
          {},
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              el('th', { scope: 'col' }, 'Record'),
              el('th', { scope: 'col' }, 'Owner'),
              el('th', { scope: 'col' }, 'Handling'),
              el('th', { scope: 'col' }, 'TLP'),
            ),
          ),
          el(
            'tbody',
            {},
            handling.map((row) =>
              el(
                'tr',
                { 'data-record-id': row.id },
                el('td', {}, `${row.type} ${row.id}`),
                el('td', {}, row.owner || 'unknown'),
                el(
                  'td',
                  {},
                  el('strong', {}, row.code || '?'),
                  ` ${words.handling[row.code] ?? ''}`,
                  row.conditions ? ` Conditions: ${row.conditions}` : '',
                  row.evidentialUse === false ? ' Not for evidential use.' : '',
                  row.releaseConditions !== undefined
                    ? ` Released to your agency on request${row.releaseConditions ? `, on these conditions: ${row.releaseConditions}` : ''}.`
                    : '',
                ),
                el('td', {}, el('strong', {}, row.tlp || '?'), ` ${words.tlp[row.tlp] ?? ''}`),
              ),
            ),
          ),
        ),
      ),
    );
  }
  if (!refusal && lookups.length === 0 && hits.length === 0 && denials.length === 0 && others.length === 0 && handling.length === 0) {
    parts.push(el('p', { class: 'wb-empty' }, 'Nothing in this result is a record, a hit or a denial.'));
  }
  container.replaceChildren(...parts);
}
