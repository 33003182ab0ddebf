import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { ERRORS_PAGE_PATH, errorsPage } from './errorsPage';

/** `npm run errors:doc`: writes docs/errors.md from the table of error codes and reasons. */
mkdirSync(dirname(ERRORS_PAGE_PATH), { recursive: true });
writeFileSync(ERRORS_PAGE_PATH, errorsPage());
console.log(`wrote ${relative(repositoryRoot, ERRORS_PAGE_PATH)}`);
