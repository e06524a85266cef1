// Who is signed in (GET /api/session), and the session's CSRF token that every write made from this page sends
// in X-CSRF-Token. Sign-in and sign-out go through here so that the page's idea of the user stays the server's.
const SESSION_PATH = '/api/session';
const CSRF_HEADER = 'X-CSRF-Token';
const listeners = new Set();
let current = { signed_in: false, anonymous_read: true };

async function sessionRequest(method, body) {
  const response = await fetch(SESSION_PATH, {
    method,
    headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...csrfHeaders() },
    body: body ? JSON.stringify(body) : undefined,
    cache: 'no-store'
  });
  const answer = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, answer };
}

function settle(answer) {
  current = answer;
  for (const listener of listeners) listener(current);
  return current;
}

/** Asks the server who is signed in; answers {signed_in, anonymous_read, user?, csrf_token?}. */
export async function loadSession() {
  const { ok, answer } = await sessionRequest('GET');
  return settle(ok ? answer : { signed_in: false, anonymous_read: true });
}

/** Signs in; resolves with the session, or rejects with the server's description (wrong password, wait …). */
export async function signIn(username, password) {
  const { ok, answer } = await sessionRequest('POST', { username, password });
  if (!ok) throw new Error(answer.description ?? 'sign-in failed');
  return settle({ ...answer, anonymous_read: current.anonymous_read });
}

export async function signOut() {
  await sessionRequest('DELETE');
  return settle({ signed_in: false, anonymous_read: current.anonymous_read });
}

export function session() {
  return current;
}

/** The signed-in user ({username, display_name, roles, …}) or null. */
export function currentUser() {
  return current.signed_in ? current.user : null;
}

/** True when the signed-in user holds role (an administrator holds every role). */
export function hasRole(role) {
  const roles = currentUser()?.roles ?? [];
  return roles.includes(role) || roles.includes('admin');
}

/** The header a write from this page must carry while a session is open. */
export function csrfHeaders() {
  return current.csrf_token ? { [CSRF_HEADER]: current.csrf_token } : {};
}

/** Calls listener(session) whenever someone signs in or out. */
export function onSessionChange(listener) {
  listeners.add(listener);
}
