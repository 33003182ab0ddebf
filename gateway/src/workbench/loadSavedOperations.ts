import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKBENCH_DIRECTORY } from './workbenchAssets';

/** An operation the workbench offers ready to run: its title and its text, variables with defaults included. */
export interface SavedOperation {
  title: string;
  query: string;
}

/** The saved operations, in the order the workbench lists them; each file is in `gateway/workbench/operations`. */
export const SAVED_OPERATION_FILES: readonly { title: string; file: string }[] = [
  { title: 'Document check', file: 'documentCheck.graphql' },
  { title: 'Person search', file: 'personSearch.graphql' },
  { title: 'Notice lookup', file: 'noticeLookup.graphql' },
  { title: 'Case links', file: 'caseLinks.graphql' },
];

/** Reads the saved operations; the page receives them inline, so they are not served as files of their own. */
export function loadSavedOperations(): SavedOperation[] {
  return SAVED_OPERATION_FILES.map(({ title, file }) => ({
    title,
    query: readFileSync(join(WORKBENCH_DIRECTORY, 'operations', file), 'utf8'),
  }));
}
