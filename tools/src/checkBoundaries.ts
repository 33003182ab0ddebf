import { repositoryRoot } from '@intel-gateway/shared/registry';
import { findBoundaryProblems } from './boundaries/findBoundaryProblems';

/**
 * `npm run check:boundaries`: no import circles, package entries that are public surfaces
 * only, and services that never load development tools (see `findBoundaryProblems`). Prints
 * one line per problem and exits 1, or exits 0 silently.
 */
const problems = findBoundaryProblems(repositoryRoot);
for (const problem of problems) console.error(problem);
process.exitCode = problems.length === 0 ? 0 : 1;
