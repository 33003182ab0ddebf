import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { type Browser, chromium, type Page } from 'playwright-core';
import {
  gatewayPolicy,
  type GatewayServer,
  loadGatewayConfig,
  loadSavedOperations,
  WORKBENCH_CONTENT_SECURITY_POLICY,
  WORKBENCH_WORDS,
  workbenchAssets,
} from '@intel-gateway/gateway';
import type { Role } from '@intel-gateway/shared/identity';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { mintAgencyToken, STORY } from '@intel-gateway/tools';
import { loadTestConfig } from './config';
import { callerHeaders, postGraphQL, startExtraGateway, startTestFederation, type TestFederation } from './harness';

/**
 * The analyst workbench in a real browser: Debian's Chromium (never a downloaded one),
 * driven by playwright-core, against a seeded federation. Every request the page makes is
 * recorded, and any whose host is not loopback is aborted; the tests then check that none
 * was made. Screenshots go to test-artifacts/workbench/ (git-ignored).
 */
const ARTIFACTS = join(repositoryRoot, 'test-artifacts', 'workbench');
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const PURPOSE = 'CRIMINAL_INVESTIGATION';

let federation: TestFederation;
let browser: Browser;
/** The gateway's origin, where the workbench is served at `/`. */
let origin: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  federation = await startTestFederation({ workbench: true });
  origin = new URL(federation.gatewayUrl).origin;
  browser = await chromium.launch({ executablePath: loadTestConfig().CHROMIUM_PATH, headless: true });
});
afterAll(async () => {
  await browser?.close();
  await federation?.stop();
});

const tokenFor = (agency: string, roles: Role[], purposes?: ('CRIMINAL_INVESTIGATION' | 'BORDER_CONTROL' | 'COUNTER_TERRORISM')[]) =>
  mintAgencyToken({ identity: federation.identity, agency, roles, ...(purposes ? { purposes } : {}) });

interface Workbench {
  page: Page;
  /** Every request the page made, in order. */
  requests: { url: string; method: string; authorization: string | undefined }[];
  /** Content-Security-Policy violations and uncaught page errors. */
  problems: string[];
  close(): Promise<void>;
}

/** Opens the workbench in a fresh browser context (its own sessionStorage and localStorage). */
async function openWorkbench(): Promise<Workbench> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const requests: Workbench['requests'] = [];
  const problems: string[] = [];
  await page.route('**/*', async (route) => {
    const req = route.request();
    requests.push({ url: req.url(), method: req.method(), authorization: (await req.allHeaders()).authorization });
    const url = new URL(req.url());
    if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return route.abort('blockedbyclient');
    return route.continue();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.text().startsWith('CSP violation')) problems.push(message.text());
  });
  await page.addInitScript({
    content:
      "document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));",
  });
  await page.goto(`${origin}/`);
  await page.locator('.graphiql-container').waitFor();
  return { page, requests, problems, close: () => context.close() };
}

async function useToken(page: Page, token: string): Promise<void> {
  await page.getByLabel('Agency token').fill(token);
  await page.getByRole('button', { name: 'Use token' }).click();
}

/** Chooses a purpose and waits until the workbench has loaded that agency's schema. */
async function choosePurpose(page: Page, purpose: string, agency: string): Promise<void> {
  await page.getByLabel('Purpose').selectOption(purpose);
  await page.locator('#session-status', { hasText: `Schema for ${agency}` }).waitFor();
}

/** Runs what the editor holds; resolves once the readable view shows the answer. */
async function run(page: Page): Promise<void> {
  const shown = Number((await page.locator('#panel-readable').getAttribute('data-answers')) ?? 0);
  await page.locator('.graphiql-execute-button').click();
  await page.locator(`#panel-readable[data-answers="${shown + 1}"]`).waitFor();
}

/** Loads a saved operation into the editor and runs it. */
async function runSaved(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Saved operations' }).getByRole('button', { name: title }).click();
  await run(page);
}

/** Replaces the editor's text (the query or the variables) as typed text would. */
async function replaceEditorText(page: Page, editor: 'query' | 'variables', text: string): Promise<void> {
  const selector = editor === 'query' ? '.graphiql-query-editor .CodeMirror' : '.graphiql-editor-tool .CodeMirror';
  await page.locator(selector).first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** The raw JSON GraphiQL shows as the result. */
async function responseJson(page: Page): Promise<any> {
  const text = await page
    .locator('.graphiql-response .CodeMirror')
    .evaluate((element) => (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());
  return JSON.parse(text);
}

/** The root query fields the documentation explorer lists: the schema the page loaded. */
async function queryFieldsInDocs(page: Page): Promise<string[]> {
  const show = page.getByRole('button', { name: 'Show Documentation Explorer' });
  if (await show.isVisible()) await show.click();
  await page
    .locator('.graphiql-doc-explorer-type-name', { hasText: /^Query$/ })
    .first()
    .click();
  await page.locator('.graphiql-doc-explorer-field-name').first().waitFor();
  return page.locator('.graphiql-doc-explorer-field-name').allInnerTexts();
}

/** The root query fields of an agency's own schema, as the gateway serves it as SDL. */
async function queryFieldsOfSchema(token: string): Promise<string[]> {
  const response = await fetch(`${origin}/schema.graphql`, { headers: { authorization: `Bearer ${token}` } });
  return Object.keys(
    buildSchema(await response.text())
      .getQueryType()!
      .getFields(),
  );
}

/** Nothing left loopback (nor the gateway's origin), credentials went to /graphql only, no CSP violation and no page error. */
function expectOnlyTheGateway(workbench: Workbench): void {
  expect(workbench.requests.length).toBeGreaterThan(10);
  expect(workbench.requests.filter((r) => !LOOPBACK_HOSTS.has(new URL(r.url).hostname))).toEqual([]);
  expect(workbench.requests.filter((r) => new URL(r.url).origin !== origin)).toEqual([]);
  expect(
    workbench.requests.filter((r) => r.authorization !== undefined && !(r.url === `${origin}/graphql` && r.method === 'POST')),
  ).toEqual([]);
  expect(workbench.problems).toEqual([]);
}

it('runs the saved document check and shows its answer in words and as JSON, then draws the links of a case; nothing leaves loopback', async () => {
  const workbench = await openWorkbench();
  const { page } = workbench;
  try {
    await expect(page.locator('#session-status').innerText()).resolves.toContain('Paste an agency token');
    const token = await tokenFor('NCB-FR', ['ANALYST']);
    await useToken(page, token);
    // No purpose yet: the gateway refuses the schema, and the workbench says what to do.
    const missing = page.locator('#session-status [data-reason="PURPOSE_MISSING"]');
    await missing.waitFor();
    expect(await missing.innerText()).toContain(WORKBENCH_WORDS.refusals.PURPOSE_MISSING);
    await choosePurpose(page, PURPOSE, 'NCB-FR (ANALYST)');

    await runSaved(page, 'Document check');
    const check = page.locator('#panel-readable .wb-checks li');
    expect(await check.allInnerTexts()).toEqual([
      `Hit: SLTD (stolen and lost travel documents) holds GB PASSPORT ${STORY.stolenGbPassport.number}: STOLEN, record SLTD-GB-STORY-1, owner NCB-GB.`,
    ]);
    const sltdHandling = await page.locator('#panel-readable tr[data-record-id="SLTD-GB-STORY-1"]').innerText();
    expect(sltdHandling).toContain('NCB-GB');
    expect(sltdHandling).toContain(`H0 ${WORKBENCH_WORDS.handling.H0}`);
    expect(sltdHandling).toContain(`AMBER ${WORKBENCH_WORDS.tlp.AMBER}`);
    expect(await page.locator(`#panel-readable tr[data-record-id="${STORY.stolenGbPassport.caseFileId}"]`).innerText()).toContain('NCB-FR');
    expect(await page.locator('#panel-readable .wb-denials').count()).toBe(0);
    // The raw JSON beside it is the gateway's answer to the same operation, as it is.
    const [documentCheck] = loadSavedOperations();
    const direct = await federation.queryAs({ agency: 'NCB-FR', roles: ['ANALYST'] }, PURPOSE, documentCheck!.query);
    const shown = await responseJson(page);
    expect(shown.data).toEqual(direct.body.data);
    expect(shown.data.travelDocument.sltd).toMatchObject({ id: 'SLTD-GB-STORY-1', status: 'STOLEN' });
    await page.screenshot({ path: join(ARTIFACTS, 'document-check.png') });

    await runSaved(page, 'Case links');
    await page.getByRole('tab', { name: 'Link view' }).click();
    await page.locator('#link-canvas[data-drawn-nodes]').waitFor();
    const nodes = await page.locator('#link-nodes li').evaluateAll((items) =>
      items.map((li) => ({
        id: li.getAttribute('data-record-id'),
        type: li.getAttribute('data-type'),
        owner: li.getAttribute('data-owner'),
        handling: li.getAttribute('data-handling'),
      })),
    );
    expect(nodes).toEqual(
      expect.arrayContaining([
        { id: STORY.stolenGbPassport.caseFileId, type: 'CaseFile', owner: 'NCB-FR', handling: 'H0' },
        { id: STORY.redNotice.nationalPersonIds[0], type: 'NationalPerson', owner: 'NCB-FR', handling: 'H0' },
        { id: 'SLTD-GB-STORY-1', type: 'SltdRecord', owner: 'NCB-GB', handling: 'H0' },
      ]),
    );
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    expect(await page.locator('#link-canvas').getAttribute('data-drawn-nodes')).toBe(String(nodes.length));
    const edges = await page
      .locator('#link-edges li')
      .evaluateAll((items) => items.map((li) => `${li.getAttribute('data-source')} -> ${li.getAttribute('data-target')}`));
    expect(edges).toEqual(
      expect.arrayContaining([
        `${STORY.stolenGbPassport.caseFileId} -> ${STORY.redNotice.nationalPersonIds[0]}`,
        `${STORY.stolenGbPassport.caseFileId} -> SLTD-GB-STORY-1`,
      ]),
    );
    expect(await page.locator('#link-canvas').getAttribute('data-drawn-edges')).toBe(String(edges.length));
    await page.screenshot({ path: join(ARTIFACTS, 'link-view.png') });

    // The token stays in this tab's sessionStorage; localStorage holds nothing at all.
    const storage = await page.evaluate(() => {
      type KeyValues = { getItem(key: string): string | null };
      const { localStorage, sessionStorage } = globalThis as unknown as { localStorage: KeyValues; sessionStorage: KeyValues };
      return { local: Object.keys(localStorage), tokens: sessionStorage.getItem('intel-workbench:tokens') };
    });
    expect(storage.local).toEqual([]);
    expect(JSON.parse(storage.tokens ?? '[]')).toEqual([token]);

    // Forget ends the session in this tab: no token, and none of GraphiQL's saved tabs or
    // history, whose queries named the case just looked at.
    const sessionText = () =>
      page.evaluate(() => {
        const storage = (
          globalThis as unknown as { sessionStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null } }
        ).sessionStorage;
        return Array.from({ length: storage.length }, (_, i) => `${storage.key(i)}=${storage.getItem(storage.key(i)!)}`).join('\n');
      });
    expect(await sessionText()).toContain(STORY.stolenGbPassport.caseFileId);
    expect(await sessionText()).toContain(token);
    // GraphiQL saves an edit a moment later (debounced, and not cancelled when it unmounts), so
    // on a busy machine a save of the case's query or variables can still be pending when
    // Forget is pressed: make it so every time, with the edits and the press in one task.
    await page.evaluate((caseFileId) => {
      type Editor = {
        lineCount(): number;
        replaceRange(text: string, at: { line: number; ch: number }): void;
        setValue(text: string): void;
      };
      const { document } = globalThis as unknown as {
        document: { querySelector(selector: string): ({ CodeMirror?: Editor } & { click(): void }) | null };
      };
      const query = document.querySelector('.graphiql-query-editor .CodeMirror')!.CodeMirror!;
      query.replaceRange('\n', { line: query.lineCount(), ch: 0 });
      document.querySelector('.graphiql-editor-tool .CodeMirror')!.CodeMirror!.setValue(`{"id": "${caseFileId}"}`);
      document.querySelector('#forget-tokens')!.click();
    }, STORY.stolenGbPassport.caseFileId);
    // The GraphiQL mounted after Forget saves its own tabs after any save the previous one had
    // pending (each waits the same delay from its change, and it was mounted later): wait for that.
    const [defaultOperation] = loadSavedOperations();
    await page.waitForFunction((query) => {
      const saved = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem(
        'graphiql:tabState',
      );
      return (JSON.parse(saved ?? 'null') as { tabs?: { query: string | null }[] } | null)?.tabs?.[0]?.query === query;
    }, defaultOperation!.query);
    const left = await sessionText();
    expect(left).not.toContain(STORY.stolenGbPassport.caseFileId);
    expect(left).not.toContain(token);
    // And the editor starts again from the default operation when a token is given again.
    await useToken(page, token);
    await page.locator('#session-status', { hasText: 'Schema for NCB-FR (ANALYST)' }).waitFor();
    const editorText = await page
      .locator('.graphiql-query-editor .CodeMirror')
      .evaluate((element) => (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());
    expect(editorText).toBe(defaultOperation!.query);
    expectOnlyTheGateway(workbench);
  } finally {
    await workbench.close();
  }
});

it("shows each agency only its own schema: a field only NCBs may query is absent for Europol, and back when an NCB's token is picked again", async () => {
  const workbench = await openWorkbench();
  const { page } = workbench;
  try {
    const ncb = await tokenFor('NCB-FR', ['ANALYST']);
    const europol = await tokenFor('EUROPOL', ['ANALYST']);
    // diffusions is on the INTERPOL channel (policy: interpolChannel), which a regional agency is not on.
    expect(gatewayPolicy().rules.Query!.diffusions).toBe(gatewayPolicy().rules.Diffusion!['*']);
    const ncbFields = await queryFieldsOfSchema(ncb);
    const europolFields = await queryFieldsOfSchema(europol);
    expect(ncbFields).toContain('diffusions');
    expect(europolFields).not.toContain('diffusions');

    await useToken(page, ncb);
    await choosePurpose(page, PURPOSE, 'NCB-FR (ANALYST)');
    expect((await queryFieldsInDocs(page)).sort()).toEqual([...ncbFields].sort());

    await useToken(page, europol);
    await page.locator('#session-status', { hasText: 'Schema for EUROPOL (ANALYST)' }).waitFor();
    const shownToEuropol = await queryFieldsInDocs(page);
    expect(shownToEuropol.sort()).toEqual([...europolFields].sort());
    expect(shownToEuropol).not.toContain('diffusions');
    expect(shownToEuropol).not.toContain('diffusion');
    expect(shownToEuropol).toContain('notices');
    await page.screenshot({ path: join(ARTIFACTS, 'schema-europol.png') });

    // Both tokens are listed by agency and roles, decoded from their payloads; pick the first again.
    const labels = await page.getByLabel('Tokens this session').locator('option').allInnerTexts();
    expect(labels.slice(1)).toEqual([expect.stringMatching(/^EUROPOL · ANALYST · /), expect.stringMatching(/^NCB-FR · ANALYST · /)]);
    await page.getByLabel('Tokens this session').selectOption(ncb);
    await page.locator('#session-status', { hasText: 'Schema for NCB-FR (ANALYST)' }).waitFor();
    expect(await queryFieldsInDocs(page)).toContain('diffusions');
    expectOnlyTheGateway(workbench);
  } finally {
    await workbench.close();
  }
});

it('says in plain words why a request was refused or a field denied: a bad token, a purpose the token lacks, no purpose, a frontline role', async () => {
  const workbench = await openWorkbench();
  const { page } = workbench;
  try {
    await useToken(page, 'not-a-token');
    const malformed = page.locator('#session-status [data-reason="TOKEN_MALFORMED"]');
    await malformed.waitFor();
    expect(await malformed.innerText()).toContain('Refused (401 TOKEN_MALFORMED)');
    expect(await malformed.innerText()).toContain(WORKBENCH_WORDS.refusals.TOKEN_MALFORMED);
    // Only tokens that can be read are listed for later.
    expect(await page.getByLabel('Tokens this session').locator('option').allInnerTexts()).toEqual(['None yet']);

    await useToken(page, await tokenFor('NCB-FR', ['FRONTLINE'], ['BORDER_CONTROL']));
    expect(await page.getByLabel('Purpose').locator('option', { hasText: 'COUNTER_TERRORISM' }).innerText()).toBe(
      'COUNTER_TERRORISM (not in this token)',
    );
    await page.getByLabel('Purpose').selectOption('COUNTER_TERRORISM');
    await page.locator('#session-status [data-reason="PURPOSE_NOT_ALLOWED"]').waitFor();

    await choosePurpose(page, 'BORDER_CONTROL', 'NCB-FR (FRONTLINE)');
    // The saved check asks for the national cases, which are outside a frontline officer's schema: the officer's own
    // check asks for the record's sharing conditions instead, decided per record and denied to NCB-FR, with the reason in words.
    await replaceEditorText(
      page,
      'query',
      `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") { __typename issuingCountry documentType number sltd { __typename id status provenance { owner restrictions { deniedAgencies } } } } }`,
    );
    await run(page);
    const denial = page.locator('#panel-readable li.wb-denial[data-path="travelDocument.sltd.provenance.restrictions"]');
    expect(await denial.innerText()).toBe(
      `travelDocument.sltd.provenance.restrictions (Provenance.restrictions): ${WORKBENCH_WORDS.denials.NOT_RECORD_OWNER} NOT_RECORD_OWNER`,
    );
    expect(await page.locator('#panel-readable li.wb-denial').count()).toBe(1);
    expect(await page.locator('#panel-readable .wb-checks li').innerText()).toContain('Hit: SLTD');
    await page.screenshot({ path: join(ARTIFACTS, 'denied-field.png') });

    // Back to no purpose: the operation itself is refused with 403, and nothing else is shown.
    await page.getByLabel('Purpose').selectOption('');
    await page.locator('#session-status [data-reason="PURPOSE_MISSING"]').waitFor();
    await runSaved(page, 'Document check');
    expect(await page.locator('#panel-readable [role="alert"]').innerText()).toContain(
      `Refused (403 PURPOSE_MISSING): ${WORKBENCH_WORDS.refusals.PURPOSE_MISSING}`,
    );
    expect(await page.locator('#panel-readable .wb-checks, #panel-readable .wb-handling').count()).toBe(0);
    expectOnlyTheGateway(workbench);
  } finally {
    await workbench.close();
  }
});

it('answers hit/no-hit in words: a DNA profile on record is a hit with the owner to ask, unknown ones and an unreported document are no hits', async () => {
  const workbench = await openWorkbench();
  const { page } = workbench;
  try {
    await useToken(page, await tokenFor('NCB-DE', ['ANALYST']));
    await choosePurpose(page, PURPOSE, 'NCB-DE (ANALYST)');

    await replaceEditorText(page, 'query', `query Dna { biometricCheck(kind: DNA, profile: "${STORY.dnaProfile}") { matched } }`);
    await run(page);
    const hitText = await page.locator('#panel-readable .wb-hits li[data-path="biometricCheck"]').innerText();
    expect(hitText).toContain('a record of NCB-FR matches');
    expect(hitText).toMatch(/Contact .+, citing HIT-\S+, to ask for its release/);
    expect(hitText).not.toContain('Contact the owner');

    await replaceEditorText(page, 'query', 'query NoDna { biometricCheck(kind: DNA, profile: "DNA-XX-0000-000000") { matched } }');
    await run(page);
    expect(await page.locator('#panel-readable .wb-checks li').allInnerTexts()).toEqual(['No hit: nothing on record matches.']);
    expect(await page.locator('#panel-readable .wb-hits').count()).toBe(0);

    await page.getByRole('navigation', { name: 'Saved operations' }).getByRole('button', { name: 'Document check' }).click();
    await replaceEditorText(page, 'variables', '{"number": "000000000"}');
    await run(page);
    expect(await page.locator('#panel-readable .wb-checks li').allInnerTexts()).toEqual([
      'No hit: SLTD (stolen and lost travel documents) holds nothing on GB PASSPORT 000000000.',
    ]);
    expectOnlyTheGateway(workbench);
  } finally {
    await workbench.close();
  }
});

/** One GET with the path exactly as given (no normalisation by a URL parser on this side). */
function rawGet(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

it('is served by the gateway itself, with its security headers, and no path outside the allow-list answers', async () => {
  const page = await rawGet('/');
  expect(page.status).toBe(200);
  expect(page.headers['content-security-policy']).toBe(WORKBENCH_CONTENT_SECURITY_POLICY);
  expect((await rawGet('/', { 'if-none-match': page.headers.etag as string })).status).toBe(304);
  for (const path of Object.keys(workbenchAssets())) expect({ path, status: (await rawGet(path)).status }).toEqual({ path, status: 200 });
  const outside = [
    '/workbench',
    '/workbench/',
    '/workbench/../package.json',
    '/workbench/vendor/../../package.json',
    '/workbench/%2e%2e/%2e%2e/package.json',
    '/workbench/..%2f..%2fpackage.json',
    '/workbench/vendor/graphiql.min.js.map',
    '/workbench/vendor/graphiql.js',
    '/workbench/index.html',
    '/workbench/operations/documentCheck.graphql',
    '/workbench/WORKBENCH.JS',
    '/node_modules/graphiql/graphiql.min.js',
    '/gateway/workbench/workbench.js',
    '//workbench/workbench.js',
  ];
  for (const path of outside) expect({ path, status: (await rawGet(path)).status }).toEqual({ path, status: 404 });
});

it('each saved operation runs for an NCB analyst and returns the seeded records it names', async () => {
  const caller = { agency: 'NCB-FR', roles: ['ANALYST'] as Role[] };
  const [documentCheck, personSearch, noticeLookup, caseLinks] = await Promise.all(
    loadSavedOperations().map((operation) => federation.queryAs(caller, PURPOSE, operation.query)),
  );
  for (const answer of [documentCheck, personSearch, noticeLookup, caseLinks]) {
    expect(answer!.status).toBe(200);
    expect(answer!.body.errors?.filter((e) => e.extensions?.code !== 'FORBIDDEN') ?? []).toEqual([]);
  }
  expect(documentCheck!.body.data.travelDocument.sltd.id).toBe('SLTD-GB-STORY-1');
  expect(personSearch!.body.data.personSearch.interpolMatches.nodes.map((n: { notice: { id: string } }) => n.notice.id)).toContain(
    STORY.redNotice.id,
  );
  // Analysis-project candidates are outside an NCB analyst's schema: the saved search does not ask for them.
  expect(personSearch!.body.errors).toBeUndefined();
  expect(noticeLookup!.body.data.notice).toMatchObject({ id: STORY.redNotice.id, type: 'RED', provenance: { owner: 'IPSG' } });
  expect(caseLinks!.body.data.caseFile.persons.map((p: { id: string }) => p.id)).toContain(STORY.redNotice.nationalPersonIds[0]);
});

describe('WORKBENCH_ENABLED=false', () => {
  let gateway: GatewayServer;
  let url: string;
  beforeAll(async () => {
    const config = loadGatewayConfig({ AUDIT_MONGODB_URI: 'mongodb://127.0.0.1:1', WORKBENCH_ENABLED: 'false' });
    let graphqlUrl: string;
    ({ gateway, url: graphqlUrl } = await startExtraGateway(federation, { workbench: config.WORKBENCH_ENABLED }));
    url = graphqlUrl.replace(/\/graphql$/, '');
  });
  afterAll(() => gateway?.stop());

  it('answers 404 at / and at every workbench file, while /graphql serves as before', async () => {
    expect((await fetch(`${url}/`)).status).toBe(404);
    for (const path of Object.keys(workbenchAssets()))
      expect({ path, status: (await fetch(`${url}${path}`)).status }).toEqual({ path, status: 404 });
    const token = await tokenFor('NCB-FR', ['ANALYST']);
    const answer = await postGraphQL(
      `${url}/graphql`,
      `{ travelDocument(issuingCountry: "GB", documentType: PASSPORT, number: "${STORY.stolenGbPassport.number}") { sltd { status } } }`,
      undefined,
      callerHeaders(token, PURPOSE),
    );
    expect(answer.body.data.travelDocument.sltd.status).toBe('STOLEN');
  });
});
