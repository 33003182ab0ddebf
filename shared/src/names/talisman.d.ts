// talisman ships no type declarations; these cover the two functions the name keys use.
declare module 'talisman/phonetics/double-metaphone' {
  /** Double Metaphone codes of a word: [primary, alternate]. */
  export default function doubleMetaphone(word: string): [string, string];
}

declare module 'talisman/metrics/jaro-winkler' {
  /** Jaro-Winkler similarity of two strings, from 0 (nothing alike) to 1 (equal). */
  export default function jaroWinkler(a: string, b: string): number;
}
