import anyAscii from 'any-ascii';
import { nameMatchKeys } from '@intel-gateway/shared/names';
import type { PersonName, Script } from '@intel-gateway/shared/records';

/**
 * Builds a stored name: the original script kept as written, plus Latin
 * transliterations (any-ascii's romanisation, and any spellings the owner recorded), and
 * the search keys the schema would derive (generated batches are written without
 * mongoose's per-document work; see `seedDatabases`).
 */
export function personName(familyName: string, forenames: string, script: Script, knownSpellings: string[] = []): PersonName {
  const romanised = (text: string) => anyAscii(text).replace(/\s+/g, ' ').trim();
  const name: PersonName =
    script === 'LATIN'
      ? { familyName, forenames, original: null, script, transliterations: [...new Set([`${forenames} ${familyName}`, ...knownSpellings])] }
      : {
          familyName: romanised(familyName),
          forenames: romanised(forenames),
          original: script === 'HAN' ? `${familyName}${forenames}` : `${forenames} ${familyName}`,
          script,
          transliterations: [...new Set([`${romanised(forenames)} ${romanised(familyName)}`, ...knownSpellings])],
        };
  return { ...name, matchKeys: nameMatchKeys(name) };
}
