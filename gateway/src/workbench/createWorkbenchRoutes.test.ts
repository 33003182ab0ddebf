import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { parse, validate } from 'graphql';
import { close, createRequestScope, listen } from '@intel-gateway/shared/http';
import { createLogger } from '@intel-gateway/shared/observability';
import { PURPOSES } from '@intel-gateway/shared/records';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { apiSchemaOf } from '../apiSchemaOf';
import { createWorkbenchRoutes, WORKBENCH_CONTENT_SECURITY_POLICY } from './createWorkbenchRoutes';
import { SAVED_OPERATION_FILES } from './loadSavedOperations';
import { WORKBENCH_DIRECTORY, workbenchAssets } from './workbenchAssets';
import { WORKBENCH_WORDS } from './workbenchWords';

/**
 * The workbench's route handlers on a bare HTTP server that dispatches by exact path, as
 * the gateway's server does (the gateway itself, its 404s and the browser are tested in
 * test/workbench.browser.test.ts).
 */
let server: Server;
let base: string;
const routes = createWorkbenchRoutes({ graphqlPath: '/graphql' });
const silent = createLogger('workbench-test', 'silent');
const assets = workbenchAssets();

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://local').pathname];
    if (route) void route(req, res, createRequestScope(req, silent));
    else res.writeHead(404).end();
  });
  base = await listen(server, '127.0.0.1', 0);
});
afterAll(() => close(server));

/** One request, answered in full. */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The settings the page carries inline. */
function settingsOf(html: string) {
  const match = /<script type="application\/json" id="workbench-settings">([^<]*)<\/script>/.exec(html);
  if (!match) throw new Error('no settings in the page');
  return JSON.parse(match[1]!) as {
    graphqlPath: string;
    purposeHeader: string;
    purposes: string[];
    savedOperations: { title: string; query: string }[];
    words: typeof WORKBENCH_WORDS;
  };
}

describe('the page', () => {
  it('is served with a strict Content-Security-Policy naming no other origin', async () => {
    const { status, headers } = await send('/');
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['content-security-policy']).toBe(WORKBENCH_CONTENT_SECURITY_POLICY);
    const directives = new Map(WORKBENCH_CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    // Beyond 'self', only data: URLs (GraphiQL's icons and fonts) and one stylesheet hash.
    const sources = [...directives.values()].flat().filter((s) => !["'self'", "'none'", 'data:'].includes(s));
    expect(sources).toEqual([expect.stringMatching(/^'sha256-[A-Za-z0-9+/]{43}='$/)]);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['cache-control']).toBe('no-cache');
  });

  it('loads every script and stylesheet from the allow-list, and nothing from another origin', async () => {
    const html = (await send('/')).body.toString('utf8');
    const references = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    expect(references.length).toBeGreaterThan(5);
    for (const reference of references) {
      if (reference.startsWith('data:')) continue;
      expect(Object.keys(assets)).toContain(reference);
    }
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('carries its settings: the gateway path, every purpose, the saved operations and the wording', async () => {
    const settings = settingsOf((await send('/')).body.toString('utf8'));
    expect(settings.graphqlPath).toBe('/graphql');
    expect(settings.purposeHeader).toBe('x-purpose');
    expect(settings.purposes).toEqual([...PURPOSES]);
    expect(settings.savedOperations.map((o) => o.title)).toEqual(['Document check', 'Person search', 'Notice lookup', 'Case links']);
    expect(settings.words).toEqual(WORKBENCH_WORDS);
  });
});

describe('the allow-listed files', () => {
  it('are each served byte for byte from the installed package or the workbench directory, with its content type', async () => {
    for (const [path, asset] of Object.entries(assets)) {
      const { status, headers, body } = await send(path);
      expect({ path, status }).toEqual({ path, status: 200 });
      expect(body.equals(readFileSync(asset.file))).toBe(true);
      expect(headers['content-type']).toBe(path.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect(headers['content-length']).toBe(String(body.length));
      expect(headers['content-security-policy']).toBe(WORKBENCH_CONTENT_SECURITY_POLICY);
    }
    expect(assets['/workbench/vendor/graphiql.min.js']!.file).toBe(join(repositoryRoot, 'node_modules', 'graphiql', 'graphiql.min.js'));
    expect(assets['/workbench/vendor/react.production.min.js']!.file).toBe(
      join(repositoryRoot, 'node_modules', 'react', 'umd', 'react.production.min.js'),
    );
  });

  it('import only each other, and name no other origin', () => {
    let imports = 0;
    for (const [path, asset] of Object.entries(assets)) {
      if (!asset.file.startsWith(WORKBENCH_DIRECTORY)) continue;
      const text = readFileSync(asset.file, 'utf8');
      expect({ path, urls: text.match(/https?:\/\/[^\s'"`)]*/g) ?? [] }).toEqual({ path, urls: [] });
      for (const [, specifier] of text.matchAll(/^import .* from '([^']+)';$/gm)) {
        expect(Object.keys(assets)).toContain(new URL(specifier!, `http://local${path}`).pathname);
        imports += 1;
      }
    }
    expect(imports).toBeGreaterThanOrEqual(6);
  });

  it('answer a revalidation with 304 and no body, HEAD with headers only, and other methods with 405', async () => {
    const first = await send('/workbench/vendor/cytoscape.min.js');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const revalidated = await send('/workbench/vendor/cytoscape.min.js', { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect((await send('/workbench/vendor/cytoscape.min.js', { headers: { 'if-none-match': '"something-else"' } })).status).toBe(200);
    const head = await send('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect(head.body.length).toBe(0);
    const post = await send('/', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});

describe('the saved operations', () => {
  const schema = apiSchemaOf(readFileSync(join(repositoryRoot, 'gateway', 'supergraph.graphql'), 'utf8'));

  it('are valid against the API schema, each one named operation whose variables all have defaults', () => {
    for (const { file } of SAVED_OPERATION_FILES) {
      const document = parse(readFileSync(join(WORKBENCH_DIRECTORY, 'operations', file), 'utf8'));
      expect({ file, errors: validate(schema, document).map((e) => e.message) }).toEqual({ file, errors: [] });
      expect(document.definitions).toHaveLength(1);
      const [operation] = document.definitions;
      if (operation?.kind !== 'OperationDefinition') throw new Error(`${file} holds no operation`);
      expect(operation.name?.value).toBeDefined();
      const withoutDefault = (operation.variableDefinitions ?? []).filter((v) => !v.defaultValue).map((v) => v.variable.name.value);
      expect({ file, withoutDefault }).toEqual({ file, withoutDefault: [] });
    }
  });
});
