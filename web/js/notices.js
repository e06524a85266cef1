// Messages to the user over the map: server errors (kept until dismissed or until the same thing
// loads again) and short confirmations.
import { t } from './i18n.js';
import { ServerError, ServerUnreachable } from './api.js';

let container;
const byKey = new Map();

export function initNotices(element) {
  container = element;
}

/** Shows (or replaces) the notice named key. kind: 'error' | 'info'. Returns the element. */
export function showNotice(key, kind, text, { autoHideMs = 0 } = {}) {
  clearNotice(key);
  const notice = document.createElement('div');
  notice.className = `notice notice-${kind}`;
  notice.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  notice.dataset.key = key;
  const message = document.createElement('span');
  message.className = 'notice-text';
  message.textContent = text;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'notice-close';
  close.textContent = '×';
  close.title = t('error.dismiss');
  close.addEventListener('click', () => clearNotice(key));
  notice.append(message, close);
  container.append(notice);
  byKey.set(key, notice);
  if (autoHideMs > 0) {
    setTimeout(() => { if (byKey.get(key) === notice) clearNotice(key); }, autoHideMs);
  }
  return notice;
}

export function clearNotice(key) {
  byKey.get(key)?.remove();
  byKey.delete(key);
}

/** What went wrong, as a user reads it: the server's status and description, or the error's own message. */
export function errorDetail(error) {
  return error instanceof ServerError ? t('error.server', { status: error.status, description: error.description }) : error.message;
}

/**
 * The error notice of a tool: "<what failed>: <detail>". None when the server was not reached at all (the
 * connection banner says so already).
 */
export function showFailure(key, failedKey, error) {
  if (error instanceof ServerUnreachable) return;
  showNotice(key, 'error', `${t(failedKey)}: ${errorDetail(error)}`);
}

