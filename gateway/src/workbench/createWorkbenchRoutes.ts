import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RouteHandler } from '@intel-gateway/shared/http';
import { PURPOSES } from '@intel-gateway/shared/records';
import { PURPOSE_HEADER } from '../identity/authenticateRequest';
import { loadSavedOperations } from './loadSavedOperations';
import { WORKBENCH_DIRECTORY, workbenchAssets } from './workbenchAssets';
import { WORKBENCH_WORDS } from './workbenchWords';

/**
 * The one stylesheet Cytoscape inserts into the page (so that its container is positioned);
 * the policy allows exactly this text, by its hash, and no other inline style.
 */
const CYTOSCAPE_STYLESHEET = '.__________cytoscape_container { position: relative; }';

/**
 * The workbench's Content-Security-Policy: scripts, styles and requests from the gateway
 * itself only; images and fonts also from `data:` URLs, where GraphiQL's stylesheet keeps
 * its icons and fonts. No third-party origin, no inline script, no framing.
 */
export const WORKBENCH_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' 'sha256-${createHash('sha256').update(CYTOSCAPE_STYLESHEET).digest('base64')}'`,
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every workbench response. The files change only with the gateway, so browsers revalidate them by ETag. */
const COMMON_HEADERS = {
  'content-security-policy': WORKBENCH_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-cache',
};

/** Where the page template takes the settings the gateway gives it. */
const SETTINGS_MARKER = '"{{workbench settings}}"';

export interface WorkbenchRouteOptions {
  /** Where the gateway answers GraphQL; the workbench sends its operations there and nowhere else. */
  graphqlPath: string;
}

/** Serves one file from memory: GET and HEAD, with its ETag for revalidation. */
function fileRoute(body: Buffer, contentType: string): RouteHandler {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers = { ...COMMON_HEADERS, 'content-type': contentType, etag };
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const ifNoneMatch = req.headers['if-none-match'];
    if (
      ifNoneMatch !== undefined &&
      (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
    ) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/** The page, with its settings (purposes, saved operations, wording) inlined as JSON that no script runs. */
function renderPage(graphqlPath: string): Buffer {
  const template = readFileSync(join(WORKBENCH_DIRECTORY, 'index.html'), 'utf8');
  if (!template.includes(SETTINGS_MARKER)) throw new Error(`workbench: ${SETTINGS_MARKER} is missing from index.html`);
  const settings = {
    graphqlPath,
    purposeHeader: PURPOSE_HEADER,
    purposes: PURPOSES,
    savedOperations: loadSavedOperations(),
    words: WORKBENCH_WORDS,
  };
  // Inside a <script> element only "<" could end it early; JSON allows it escaped.
  const json = JSON.stringify(settings).replace(/</g, '\\u003c');
  return Buffer.from(
    template.replace(SETTINGS_MARKER, () => json),
    'utf8',
  );
}

/**
 * The analyst workbench's routes: the page at `/` and each allow-listed file (see
 * `workbenchAssets`), every one an exact path. Everything is read once, here, so a missing
 * file stops the gateway at start rather than breaking the page later.
 */
export function createWorkbenchRoutes(options: WorkbenchRouteOptions): Record<string, RouteHandler> {
  const routes: Record<string, RouteHandler> = { '/': fileRoute(renderPage(options.graphqlPath), 'text/html; charset=utf-8') };
  for (const [path, asset] of Object.entries(workbenchAssets())) routes[path] = fileRoute(readFileSync(asset.file), asset.contentType);
  return routes;
}
