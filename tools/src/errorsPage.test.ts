import { readFileSync } from 'node:fs';
import { ERROR_CODES, REFUSAL_REASONS } from '@intel-gateway/shared/errors';
import { ERRORS_PAGE_PATH, errorsPage } from './errorsPage';

describe('docs/errors.md', () => {
  it('names every code and every reason of the table', () => {
    const page = errorsPage();
    for (const code of Object.keys(ERROR_CODES)) expect(page).toContain(`| \`${code}\` |`);
    for (const reason of Object.keys(REFUSAL_REASONS)) expect(page).toContain(`| \`${reason}\` |`);
  });

  it('is the page the table generates (run `npm run errors:doc` after changing shared/src/errorCatalog.ts)', () => {
    expect(readFileSync(ERRORS_PAGE_PATH, 'utf8')).toBe(errorsPage());
  });
});
