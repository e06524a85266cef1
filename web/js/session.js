// Who is signed in (GET /api/session), and the session's CSRF token that every write made from this page sends
// in X-CSRF-Token. Sign-in and sign-out go through here so that the page's idea of the user stays the server's.
import { errorText } from './serverText.js';

const SESSION_PATH = '/api/session';
const CSRF_HEADER = 'X-CSRF-Token';
const listeners = new Set();
let current = { signed_in: false, anonymous_read: true };

function sessionRequest(method, body) {
  return fetchJson(method, SESSION_PATH, body);
}

async function fetchJson(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...csrfHeaders() },
    body: body ? JSON.stringify(body) : undefined,
    cache: 'no-store'
  });
  const answer = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, answer, retryAfter: Number(response.headers.get('Retry-After')) || null };
}

/** A refused sign-in or password change: the server's status, its description and (429) the seconds to wait. */
export class SessionError extends Error {
  /** answer: the server's JSON body ({code, description, message}). */
  constructor(status, answer, retryAfter) {
    super(answer.description);
    this.status = status;
    this.code = answer.code ?? '';
    this.serverDescription = answer.description;
    this.body = answer;
    this.retryAfter = retryAfter;
  }

  /** The refusal in the user's language (the body's message code and parameters). */
  get description() {
    return errorText(this);
  }
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
  const { ok, status, answer, retryAfter } = await sessionRequest('POST', { username, password });
  if (!ok) throw new SessionError(status, answer, retryAfter);
  return settle({ ...answer, anonymous_read: current.anonymous_read });
}

export async function signOut() {
  await sessionRequest('DELETE');
  return settle({ signed_in: false, anonymous_read: current.anonymous_read });
}

/**
 * Changes the signed-in user's own password; the server then ends every session of theirs, so the page is signed
 * out. Rejects with SessionError (the current password is wrong, the new one too short …).
 */
export async function changePassword(currentPassword, newPassword) {
  const { ok, status, answer, retryAfter } = await fetchJson('POST', `${SESSION_PATH}/password`,
    { current_password: currentPassword, new_password: newPassword });
  if (!ok) throw new SessionError(status, answer, retryAfter);
  return settle({ signed_in: false, anonymous_read: current.anonymous_read, reason: 'password-changed' });
}

/** A request was refused with 401: the session has ended (expired, signed out elsewhere); the page is signed out. */
export function sessionExpired() {
  settle({ signed_in: false, anonymous_read: current.anonymous_read, reason: 'expired' });
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
