// The analyst workbench: GraphiQL against this gateway's /graphql, under the agency token
// and purpose chosen here, with readable and link views of each result. Every script and
// style comes from the gateway itself (see the page's Content-Security-Policy).

import { inertIntrospection } from './inertLinks.js';
import { createLinkView } from './linkView.js';
import { describeRefusal, el, refusalElement, renderReadableResult } from './readableResult.js';
import { resultGraph } from './resultGraph.js';
import { createTokenSessions, describeToken } from './tokenSessions.js';

const settings = JSON.parse(document.getElementById('workbench-settings').textContent);
const sessions = createTokenSessions(window.sessionStorage);
const h = React.createElement;

const elements = {
  tokenForm: document.getElementById('token-form'),
  tokenInput: document.getElementById('token-input'),
  tokenList: document.getElementById('token-list'),
  forget: document.getElementById('forget-tokens'),
  purpose: document.getElementById('purpose'),
  saved: document.getElementById('saved-operations'),
  status: document.getElementById('session-status'),
  readable: document.getElementById('panel-readable'),
  tabs: [document.getElementById('tab-readable'), document.getElementById('tab-links')],
  linksPanel: document.getElementById('panel-links'),
};
const linkView = createLinkView({
  canvas: document.getElementById('link-canvas'),
  nodeList: document.getElementById('link-nodes'),
  edgeList: document.getElementById('link-edges'),
});

const state = {
  token: sessions.current(),
  purpose: sessions.purpose(),
  query: settings.savedOperations[0]?.query ?? '',
  variables: '',
  /** Bumped on every change of token or purpose; answers to an older one are dropped. */
  generation: 0,
};

/**
 * GraphiQL keeps its tabs and history in this tab's sessionStorage, under its own
 * "graphiql:" keys, rather than in localStorage: queries and results hold names of people.
 */
const graphiqlStorage = {
  get length() {
    return Object.keys(window.sessionStorage).filter((key) => key.startsWith('graphiql:')).length;
  },
  clear() {
    for (const key of Object.keys(window.sessionStorage)) if (key.startsWith('graphiql:')) window.sessionStorage.removeItem(key);
  },
};

/**
 * The storage one GraphiQL mount writes to. GraphiQL saves an edit a moment after it
 * (debounced), and an unmounted GraphiQL still makes the saves it had pending: once
 * another mount has replaced it (after Forget, after a change of token or purpose), its
 * writes are dropped, so Forget cannot be undone by a save that lands after it.
 */
function graphiqlStorageFor(generation) {
  const current = () => generation === state.generation;
  return {
    getItem: (key) => window.sessionStorage.getItem(key),
    setItem: (key, value) => {
      if (current()) window.sessionStorage.setItem(key, value);
    },
    removeItem: (key) => {
      if (current()) window.sessionStorage.removeItem(key);
    },
    get length() {
      return graphiqlStorage.length;
    },
    clear() {
      if (current()) graphiqlStorage.clear();
    },
  };
}

/** GraphiQL's editors and execution, reached from outside it through a component it renders. */
const bridge = { editors: null, execution: null };
function EditorBridge() {
  const editors = GraphiQL.React.useEditorContext();
  const execution = GraphiQL.React.useExecutionContext();
  React.useEffect(() => {
    bridge.editors = editors;
    bridge.execution = execution;
  });
  return null;
}

function setStatus(...content) {
  elements.status.replaceChildren(...content);
}

let answers = 0;
function showAnswer(answer) {
  renderReadableResult(elements.readable, answer, settings.words);
  // How many answers this page has shown: a new one is told from the last by this count.
  answers += 1;
  elements.readable.dataset.answers = String(answers);
  linkView.show(answer.result ? resultGraph(answer.result) : { nodes: [], edges: [] });
  if (!elements.linksPanel.hidden) linkView.draw();
}

/**
 * The name of the operation to run. GraphiQL reads it from the editor 100 ms after each
 * change, so an operation run sooner (a saved one just loaded, text just pasted) would be
 * sent under the previous one's name; a document with a single operation runs that one.
 */
function operationNameIn(query, operationName) {
  try {
    const operations = GraphiQL.GraphQL.parse(query).definitions.filter((definition) => definition.kind === 'OperationDefinition');
    if (operations.some((operation) => operation.name?.value === operationName)) return operationName;
    return operations.length === 1 ? operations[0].name?.value : operationName;
  } catch {
    return operationName;
  }
}

/**
 * GraphiQL's fetcher for one token and purpose: it sends them to the gateway's /graphql
 * (and nowhere else), and hands each answer, with its HTTP status, to the views.
 */
function createWorkbenchFetcher(token, purpose, generation) {
  const headers = { authorization: `Bearer ${token}` };
  if (purpose) headers[settings.purposeHeader] = purpose;
  return async (params, options) => {
    let status = 0;
    const fetcher = GraphiQL.createFetcher({
      url: settings.graphqlPath,
      headers,
      enableIncrementalDelivery: false,
      fetch: async (url, init) => {
        const response = await window.fetch(url, { ...init, credentials: 'omit', cache: 'no-store' });
        status = response.status;
        return response;
      },
    });
    const introspection = params.operationName === 'IntrospectionQuery';
    let result;
    try {
      result = await fetcher(
        introspection ? params : { ...params, operationName: operationNameIn(params.query, params.operationName) },
        options,
      );
    } catch (error) {
      if (generation === state.generation) {
        if (introspection)
          setStatus(
            el(
              'span',
              { class: 'wb-refusal', role: 'alert' },
              `The schema could not be loaded (${status || 'no connection'}): ${error.message}`,
            ),
          );
        else showAnswer({ status, error: error.message });
      }
      throw error;
    }
    // Descriptions come from every subgraph: their links reach GraphiQL's docs as text only.
    if (introspection) result = inertIntrospection(result);
    if (generation !== state.generation) return result;
    if (introspection) {
      const refusal = describeRefusal({ status, result }, settings.words);
      if (refusal) {
        setStatus(refusalElement(refusal));
        // GraphiQL retries an introspection answer without `data`; a refusal will not change.
        return { data: null, ...result };
      }
    } else {
      showAnswer({ status, result });
    }
    return result;
  };
}

/** Without a token nothing is sent: the answer says what to do. */
const noTokenFetcher = async () => ({
  errors: [{ message: 'Paste an agency token first (and choose a purpose).', extensions: { code: 'UNAUTHENTICATED' } }],
});

function describeSession() {
  const described = state.token ? describeToken(state.token) : null;
  return described ? `${described.agency} (${described.roles.join(', ') || 'no roles'})` : 'this token';
}

function onSchemaChange(generation) {
  return (schema) => {
    if (generation !== state.generation) return;
    const fields = Object.keys(schema.getQueryType()?.getFields() ?? {}).length;
    setStatus(
      `Schema for ${describeSession()}, purpose ${state.purpose || 'none'}: ${fields} query fields. The docs and autocomplete show only what your agency may query.`,
    );
  };
}

const root = ReactDOM.createRoot(document.getElementById('graphiql'));

/**
 * (Re)mounts GraphiQL for the current token and purpose. A fresh mount re-fetches the
 * schema the gateway gives that agency, and leaves nothing of the previous agency's
 * schema or answer on screen.
 */
function mountGraphiQL() {
  state.generation += 1;
  const generation = state.generation;
  bridge.editors = null;
  bridge.execution = null;
  elements.readable.replaceChildren(
    el(
      'p',
      { class: 'wb-empty' },
      'Run an operation to read its result here: refusals, hits, denied fields and the handling of each record.',
    ),
  );
  linkView.clear();
  if (!state.token)
    setStatus(
      'Paste an agency token (from your agency; in development: npm run -s token -- --agency NCB-FR --role ANALYST) and choose a purpose.',
    );
  else setStatus(`Loading the schema for ${describeSession()}…`);
  root.render(
    h(GraphiQL, {
      key: generation,
      fetcher: state.token ? createWorkbenchFetcher(state.token, state.purpose, generation) : noTokenFetcher,
      schema: state.token ? undefined : null,
      onSchemaChange: onSchemaChange(generation),
      query: state.query,
      variables: state.variables,
      response: '',
      // Edits reported late by a GraphiQL already replaced are not the current editor's.
      onEditQuery: (value) => {
        if (generation === state.generation) state.query = value;
      },
      onEditVariables: (value) => {
        if (generation === state.generation) state.variables = value;
      },
      isHeadersEditorEnabled: false,
      shouldPersistHeaders: false,
      storage: graphiqlStorageFor(generation),
      defaultEditorToolsVisibility: true,
      toolbar: { additionalComponent: EditorBridge },
    }),
  );
}

function renderTokenList() {
  const tokens = sessions.tokens();
  const options = tokens.map((token) => {
    const option = el('option', { value: token }, describeToken(token)?.label ?? 'unreadable token');
    option.selected = token === state.token;
    return option;
  });
  elements.tokenList.replaceChildren(
    el('option', { value: '' }, tokens.length > 0 ? 'Pick a token pasted earlier' : 'None yet'),
    ...options,
  );
  elements.tokenList.disabled = tokens.length === 0;
}

function renderPurposes() {
  const allowed = (state.token && describeToken(state.token)?.purposes) || null;
  const options = settings.purposes.map((purpose) => {
    const option = el('option', { value: purpose }, allowed && !allowed.includes(purpose) ? `${purpose} (not in this token)` : purpose);
    option.selected = purpose === state.purpose;
    return option;
  });
  elements.purpose.replaceChildren(el('option', { value: '' }, 'Choose a purpose'), ...options);
}

function useToken(token) {
  state.token = token || null;
  sessions.setCurrent(state.token);
  renderTokenList();
  renderPurposes();
  mountGraphiQL();
}

elements.tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = elements.tokenInput.value.trim();
  if (!token) return;
  sessions.remember(token);
  elements.tokenInput.value = '';
  useToken(token);
});
elements.tokenList.addEventListener('change', () => {
  if (elements.tokenList.value) useToken(elements.tokenList.value);
});
// Forgetting ends the analyst's session in this tab: the tokens go, and so do GraphiQL's
// tabs and history, whose queries and variables may name the people searched for. The
// editor starts again from the page's default operation, so the GraphiQL mounted next does
// not save the last query and variables again.
elements.forget.addEventListener('click', () => {
  sessions.forget();
  graphiqlStorage.clear();
  state.query = settings.savedOperations[0]?.query ?? '';
  state.variables = '';
  useToken(null);
});
elements.purpose.addEventListener('change', () => {
  state.purpose = elements.purpose.value;
  sessions.setPurpose(state.purpose);
  mountGraphiQL();
});

for (const operation of settings.savedOperations) {
  const button = el('button', { type: 'button' }, operation.title);
  button.addEventListener('click', () => {
    state.query = operation.query;
    state.variables = '';
    if (bridge.editors?.queryEditor) {
      bridge.editors.queryEditor.setValue(operation.query);
      bridge.editors.variableEditor?.setValue('');
    } else {
      mountGraphiQL();
    }
  });
  elements.saved.append(button);
}

function selectTab(selected) {
  for (const tab of elements.tabs) {
    const active = tab === selected;
    tab.setAttribute('aria-selected', String(active));
    tab.tabIndex = active ? 0 : -1;
    document.getElementById(tab.getAttribute('aria-controls')).hidden = !active;
  }
  if (!elements.linksPanel.hidden) linkView.draw();
}
elements.tabs.forEach((tab, index) => {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next = elements.tabs[(index + (event.key === 'ArrowRight' ? 1 : elements.tabs.length - 1)) % elements.tabs.length];
    next.focus();
    selectTab(next);
  });
});

renderTokenList();
renderPurposes();
mountGraphiQL();
