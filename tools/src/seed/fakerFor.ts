import { type Faker, fakerAR, fakerDE, fakerEN_GB, fakerES, fakerFR, fakerIT, fakerRU, fakerZH_CN } from '@faker-js/faker';
import type { PersonName } from '@intel-gateway/shared/records';
import { personName } from './names';

const NAME_LOCALES: { faker: Faker; script: PersonName['script']; nationality: string }[] = [
  { faker: fakerEN_GB, script: 'LATIN', nationality: 'GB' },
  { faker: fakerFR, script: 'LATIN', nationality: 'FR' },
  { faker: fakerDE, script: 'LATIN', nationality: 'DE' },
  { faker: fakerES, script: 'LATIN', nationality: 'ES' },
  { faker: fakerIT, script: 'LATIN', nationality: 'IT' },
  { faker: fakerAR, script: 'ARABIC', nationality: 'MA' },
  { faker: fakerAR, script: 'ARABIC', nationality: 'SY' },
  { faker: fakerRU, script: 'CYRILLIC', nationality: 'RU' },
  { faker: fakerRU, script: 'CYRILLIC', nationality: 'UA' },
  { faker: fakerZH_CN, script: 'HAN', nationality: 'CN' },
];
/** The start of the years generated dates fall in. */
export const SEED_YEAR_START = Date.UTC(2022, 0, 1);
const SEED_YEAR_SPAN = Date.UTC(2026, 9, 1) - SEED_YEAR_START;

/** A faker instance positioned for record `i` of `collection`. */
export function fakerFor(seed: number, collection: number, i: number, base: Faker = fakerEN_GB): Faker {
  base.seed([seed, collection, i]);
  return base;
}

/** A date in the seeded years, drawn from `f`. */
export function dateIn(f: Faker): Date {
  return new Date(SEED_YEAR_START + Math.floor(f.number.float({ min: 0, max: 1 }) * SEED_YEAR_SPAN));
}

/** A person's name in the script of one of the name locales (record `i` picks the locale), with a matching nationality and sex. */
export function generatedName(
  seed: number,
  collection: number,
  i: number,
): { name: PersonName; nationality: string; sex: 'FEMALE' | 'MALE' } {
  const locale = NAME_LOCALES[i % NAME_LOCALES.length]!;
  const f = fakerFor(seed, collection, i, locale.faker);
  const sex = f.helpers.arrayElement(['female', 'male'] as const);
  const name = personName(f.person.lastName(sex), f.person.firstName(sex), locale.script);
  return { name, nationality: locale.nationality, sex: sex === 'female' ? 'FEMALE' : 'MALE' };
}
