import anyAscii from 'any-ascii';
import type { PersonName, Script } from '@intel-gateway/shared';

/**
 * Builds a stored name: the original script kept as written, plus Latin
 * transliterations (any-ascii's romanisation, and any spellings the owner recorded).
 */
export function personName(familyName: string, forenames: string, script: Script, knownSpellings: string[] = []): PersonName {
  if (script === 'LATIN') {
    return { familyName, forenames, original: null, script, transliterations: [...new Set([`${forenames} ${familyName}`, ...knownSpellings])] };
  }
  const romanised = (text: string) => anyAscii(text).replace(/\s+/g, ' ').trim();
  return {
    familyName: romanised(familyName),
    forenames: romanised(forenames),
    original: script === 'HAN' ? `${familyName}${forenames}` : `${forenames} ${familyName}`,
    script,
    transliterations: [...new Set([`${romanised(forenames)} ${romanised(familyName)}`, ...knownSpellings])],
  };
}
