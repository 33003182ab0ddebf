// `npm start`: install what is missing, build, then run the federation (tools/src/start.ts).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureInstalled, root } from './ensureInstalled.mjs';

ensureInstalled();
await import(pathToFileURL(join(root, 'tools', 'dist', 'start.js')).href);
