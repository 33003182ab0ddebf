import anyAscii from 'any-ascii';
import jaroWinkler from 'talisman/metrics/jaro-winkler';
import doubleMetaphone from 'talisman/phonetics/double-metaphone';
import type { PersonName, Script } from '../records/provenance';

/**
 * Name matching across scripts (docs/person-search.md): every stored name and every searched name is
 * reduced to Latin token lists ("forms"), and each form to three families of keys that the
 * database indexes in one multikey field:
 *
 * - `t:` the romanised tokens, sorted (any-ascii's transliteration; word order ignored);
 * - `p:` each token's Double Metaphone code, sorted (spelling variants: Dmitriy/Dmitry);
 * - `s:` the Double Metaphone code of each token's consonant skeleton, sorted. Arabic
 *   script writes no short vowels, so a romanised Arabic name ("ywsf") and its Latin
 *   spellings ("Yusuf", "Youssef") agree only once vowels are gone.
 *
 * Names with more than two tokens also get the keys of every token pair, so "Maria Lopez"
 * finds "Maria Garcia Lopez". A search reads candidates by key, then `scoreNameMatch`
 * says how well and by which method each one matched.
 */

export const MATCH_METHODS = ['EXACT', 'TRANSLITERATION', 'TOKEN_SORTED', 'PHONETIC', 'CONSONANT_SKELETON'] as const;
export type MatchMethod = (typeof MATCH_METHODS)[number];

/** How much each method is trusted, before name similarity and date of birth weigh in. */
const METHOD_WEIGHT: Record<MatchMethod, number> = {
  EXACT: 1,
  TRANSLITERATION: 0.95,
  TOKEN_SORTED: 0.9,
  PHONETIC: 0.8,
  CONSONANT_SKELETON: 0.7,
};

/** Longest token list keyed; longer names are keyed on their first tokens. */
const MAX_TOKENS = 6;

/** One way of writing a name, as Latin tokens in written order, and the script it came from. */
interface NameForm {
  tokens: string[];
  script: Script;
}

const SCRIPT_PATTERNS: [Script, RegExp][] = [
  ['ARABIC', /\p{Script=Arabic}/u],
  ['CYRILLIC', /\p{Script=Cyrillic}/u],
  ['HAN', /\p{Script=Han}/u],
];

/** The script a name is written in: the first non-Latin script found, else Latin. */
export function scriptOf(text: string): Script {
  return SCRIPT_PATTERNS.find(([, pattern]) => pattern.test(text))?.[0] ?? 'LATIN';
}

/**
 * Arabic's definite article: written joined to the word in Arabic script (الحداد), and as
 * "al-"/"el-" or a separate "al" in Latin spellings. It is left out of every form, except
 * a first-word "Al" standing alone, which is a given name.
 */
function withoutArabicArticle(words: string[]): string[] {
  return words
    .map((word) => word.replace(/^ال(?=\p{Script=Arabic}{2})/u, '').replace(/^(?:al|el)-(?=\p{L}{2})/iu, ''))
    .filter((word, index) => index === 0 || !/^(?:al|el)$/i.test(word));
}

/** Latin tokens of one word: lower case, letters and digits only ("O'Brien" → "obrien"). */
function latinTokens(word: string): string[] {
  return anyAscii(word)
    .toLowerCase()
    .replace(/['`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * The forms of a name as written in `text`. A Han name gives two: one syllable per
 * character, and the family name (first character) with the given name's syllables
 * joined, as Latin spellings write it ("Wang Xiaoming").
 */
function formsOf(text: string): NameForm[] {
  const script = scriptOf(text);
  if (script === 'HAN') {
    const syllables = [...text.replace(/\s+/g, '')].flatMap(latinTokens);
    const forms: NameForm[] = [{ tokens: syllables, script }];
    if (syllables.length > 2) forms.push({ tokens: [syllables[0]!, syllables.slice(1).join('')], script });
    return forms;
  }
  const tokens = withoutArabicArticle(text.split(/\s+/).filter(Boolean)).flatMap(latinTokens);
  return tokens.length ? [{ tokens, script }] : [];
}

/** Every form of a stored name: its original script and each recorded transliteration. */
function storedForms(name: Pick<PersonName, 'familyName' | 'forenames' | 'original' | 'transliterations'>): NameForm[] {
  const written = [name.original, ...(name.transliterations ?? []), [name.forenames, name.familyName].filter(Boolean).join(' ')];
  return written.filter((text): text is string => typeof text === 'string' && text.trim() !== '').flatMap(formsOf);
}

const sorted = (codes: string[]) => [...codes].sort().join(' ');
const phonetic = (token: string) => doubleMetaphone(token)[0] || token;
/** First letter, then the consonants, without the vowels and the semivowels w and y, doubled letters once. */
const skeleton = (token: string) =>
  phonetic(
    token[0]! +
      token
        .slice(1)
        .replace(/[aeiouwy]/g, '')
        .replace(/(.)\1+/g, '$1'),
  );

/** The token lists a form is keyed on: all its tokens, and every pair of them when it has more. */
function keyedTokenLists(tokens: string[]): string[][] {
  const kept = tokens.slice(0, MAX_TOKENS);
  const lists = [kept];
  if (kept.length > 2) {
    for (let a = 0; a < kept.length; a++) for (let b = a + 1; b < kept.length; b++) lists.push([kept[a]!, kept[b]!]);
  }
  return lists;
}

/** The three key families, each with the code it gives a token, and the method a shared key means. */
const KEY_FAMILIES = [
  { family: 't', code: (token: string) => token, method: 'TOKEN_SORTED' },
  { family: 'p', code: phonetic, method: 'PHONETIC' },
  { family: 's', code: skeleton, method: 'CONSONANT_SKELETON' },
] as const;
type KeyFamily = (typeof KEY_FAMILIES)[number];

/** One family's keys of a token list (without the family prefix). */
function familyKeys(tokens: string[], { code }: KeyFamily): string[] {
  return keyedTokenLists(tokens).map((list) => sorted(list.map(code)));
}

function keysOfForms(forms: NameForm[]): string[] {
  const keys = new Set<string>();
  for (const form of forms) {
    for (const family of KEY_FAMILIES) for (const key of familyKeys(form.tokens, family)) keys.add(`${family.family}:${key}`);
  }
  return [...keys];
}

/** The matching keys stored with a name (in its indexed `matchKeys` field). */
export function nameMatchKeys(name: Pick<PersonName, 'familyName' | 'forenames' | 'original' | 'transliterations'>): string[] {
  return keysOfForms(storedForms(name));
}

/** A searched name, reduced once: its forms and the keys to look candidates up by. */
export interface NameQuery {
  text: string;
  forms: NameForm[];
  keys: string[];
}

/** Prepares a searched name, written in any script. */
export function nameQuery(text: string): NameQuery {
  const forms = formsOf(text.normalize('NFC'));
  return { text, forms, keys: keysOfForms(forms) };
}

/** How a candidate's name matched a search: the strongest method, and a score from 0 to 1. */
export interface NameMatch {
  method: MatchMethod;
  score: number;
  /** The candidate's spelling that matched best, as Latin tokens. */
  matchedSpelling: string;
}

/**
 * The method by which one query form matched one stored form, if any: same tokens in the
 * same order (EXACT when also in the same script, else TRANSLITERATION), the same tokens in
 * another order, or shared phonetic or skeleton keys (whole names or token pairs).
 */
function methodOf(query: NameForm, stored: NameForm): MatchMethod | null {
  if (query.tokens.join(' ') === stored.tokens.join(' ')) return query.script === stored.script ? 'EXACT' : 'TRANSLITERATION';
  for (const family of KEY_FAMILIES) {
    const storedKeys = new Set(familyKeys(stored.tokens, family));
    if (familyKeys(query.tokens, family).some((key) => storedKeys.has(key))) return family.method;
  }
  return null;
}

/**
 * Scores a candidate's name against a search: the strongest method over all pairs of
 * forms, weighted by how alike the two spellings are (Jaro-Winkler on the sorted tokens,
 * so that a pair match on a longer name scores below a full one). Null when nothing
 * matches, which a key lookup can return for a name whose keys collide by accident.
 */
export function scoreNameMatch(
  query: NameQuery,
  name: Pick<PersonName, 'familyName' | 'forenames' | 'original' | 'transliterations'>,
): NameMatch | null {
  let best: NameMatch | null = null;
  for (const stored of storedForms(name)) {
    for (const form of query.forms) {
      const method = methodOf(form, stored);
      if (!method) continue;
      const similarity = jaroWinkler(sorted(form.tokens), sorted(stored.tokens));
      const score = METHOD_WEIGHT[method] * (0.6 + 0.4 * similarity);
      if (!best || score > best.score) best = { method, score, matchedSpelling: stored.tokens.join(' ') };
    }
  }
  return best;
}
