/**
 * The package-boundary check (`npm run check:boundaries`), apart from the tools' main entry
 * because it loads the TypeScript compiler, a development dependency.
 */
export { DEV_WORKSPACES, findBoundaryProblems } from './findBoundaryProblems';
export { findImportCycles } from './findImportCycles';
export { readImportGraph, type ImportGraph, type SourceImports, type Workspace } from './readImportGraph';
