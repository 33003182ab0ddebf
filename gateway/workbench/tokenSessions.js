// Agency tokens pasted in this browser tab. They live in sessionStorage only, so they are
// gone when the tab closes, and are never written to localStorage. A token's payload is
// decoded here for its label only: the gateway alone verifies tokens.

const TOKENS_KEY = 'intel-workbench:tokens';
const CURRENT_KEY = 'intel-workbench:current';
const PURPOSE_KEY = 'intel-workbench:purpose';
const MAX_TOKENS = 20;

/** The claims of a JWT's payload, decoded without verifying anything; null when it is not a JWT. */
export function decodeTokenPayload(token) {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const base64 = part
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes));
    return payload && typeof payload === 'object' ? payload : null;
  } catch {
    return null;
  }
}

/** What the workbench shows of a token: agency, roles, user, purposes, expiry, and a label made of them. */
export function describeToken(token, now = Date.now()) {
  const payload = decodeTokenPayload(token);
  if (!payload) return null;
  const agency = typeof payload.agency === 'string' ? payload.agency : 'unknown agency';
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r) => typeof r === 'string') : [];
  const purposes = Array.isArray(payload.purposes) ? payload.purposes.filter((p) => typeof p === 'string') : [];
  const user = typeof payload.sub === 'string' ? payload.sub : null;
  const expiresAt = typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  const expired = expiresAt !== null && expiresAt <= now;
  const label = `${agency} · ${roles.join(', ') || 'no roles'}${user ? ` · ${user}` : ''}${expired ? ' (expired)' : ''}`;
  return { agency, roles, purposes, user, expiresAt, expired, label };
}

function readList(storage) {
  try {
    const list = JSON.parse(storage.getItem(TOKENS_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((t) => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/** The tab's token list, current token and purpose, over the given sessionStorage. */
export function createTokenSessions(storage) {
  return {
    /** Tokens pasted in this tab that could be decoded, newest first. */
    tokens: () => readList(storage),
    /** Keeps a token for this tab, if its payload can be read (it has a label). */
    remember(token) {
      if (!describeToken(token)) return;
      const list = [token, ...readList(storage).filter((t) => t !== token)].slice(0, MAX_TOKENS);
      storage.setItem(TOKENS_KEY, JSON.stringify(list));
    },
    current: () => storage.getItem(CURRENT_KEY),
    setCurrent(token) {
      if (token) storage.setItem(CURRENT_KEY, token);
      else storage.removeItem(CURRENT_KEY);
    },
    purpose: () => storage.getItem(PURPOSE_KEY) ?? '',
    setPurpose(purpose) {
      if (purpose) storage.setItem(PURPOSE_KEY, purpose);
      else storage.removeItem(PURPOSE_KEY);
    },
    /** Drops every token of this tab. */
    forget() {
      storage.removeItem(TOKENS_KEY);
      storage.removeItem(CURRENT_KEY);
    },
  };
}
