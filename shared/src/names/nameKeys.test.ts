import { nameMatchKeys, nameQuery, scoreNameMatch, scriptOf } from './nameKeys';

const stored = (original: string | null, ...transliterations: string[]) => ({
  familyName: '-',
  forenames: null,
  original,
  transliterations,
});

describe('name keys', () => {
  it('tells the script a name is written in', () => {
    expect(['Anna Schmidt', 'يوسف', 'Борис', '李晓东', 'Zoë Müller'].map(scriptOf)).toEqual([
      'LATIN',
      'ARABIC',
      'CYRILLIC',
      'HAN',
      'LATIN',
    ]);
  });

  it('does not depend on word order, case or diacritics', () => {
    expect(nameQuery('Zoë MÜLLER').keys.sort()).toEqual(nameQuery('muller zoe').keys.sort());
  });

  it("drops Arabic's article, but keeps a first-word Al that is a given name", () => {
    expect(scoreNameMatch(nameQuery('Youssef Haddad'), stored(null, 'Youssef al-Haddad'))?.method).toBe('EXACT');
    expect(scoreNameMatch(nameQuery('Youssef Haddad'), stored('يوسف الحداد'))?.method).toBe('CONSONANT_SKELETON');
    expect(nameQuery('Al Pacino').forms[0]!.tokens).toEqual(['al', 'pacino']);
  });

  it('keys a Han name by syllable and with the given name joined, as Latin spellings write it', () => {
    const keys = nameMatchKeys(stored('王小明'));
    expect(keys).toEqual(expect.arrayContaining(['t:ming wang xiao', 't:wang xiaoming']));
  });

  it('finds a shorter name inside a longer one through token pairs, scored below a full match', () => {
    const full = scoreNameMatch(nameQuery('Maria Garcia Lopez'), stored(null, 'Maria Garcia Lopez'))!;
    const pair = scoreNameMatch(nameQuery('Maria Lopez'), stored(null, 'Maria Garcia Lopez'))!;
    expect(pair.method).toBe('TOKEN_SORTED');
    expect(pair.score).toBeLessThan(full.score);
  });

  it('does not match unrelated names, nor share a key with them', () => {
    const other = stored('Дмитрий Иванов');
    expect(scoreNameMatch(nameQuery('Anna Schmidt'), other)).toBeNull();
    const keys = new Set(nameMatchKeys(other));
    expect(nameQuery('Anna Schmidt').keys.filter((key) => keys.has(key))).toEqual([]);
  });

  it('has no keys for text without letters, so such a search is refused upstream', () => {
    expect(nameQuery('%% --').keys).toEqual([]);
  });
});
