// Knows whether the server can be reached. When it cannot, a banner says so plainly and the page
// retries on its own; when the server answers again the banner goes and the map reloads what it shows.
import { CONNECTION } from './settings.js';
import { t, onLanguageChange } from './i18n.js';
import { showNotice, clearNotice } from './notices.js';

const recoveryListeners = [];
let banner;
let reachable = true;
let retryTimer = null;
let waiting = [];

export function initConnection(bannerElement) {
  banner = bannerElement;
  onLanguageChange(renderBanner);
  renderBanner();
  setInterval(heartbeat, CONNECTION.HEARTBEAT_INTERVAL_MS);
}

export function isReachable() {
  return reachable;
}

/** Called by the API client when a request could not reach the server at all. */
export function reportUnreachable() {
  if (!reachable) return;
  reachable = false;
  clearNotice('connection-back');
  renderBanner();
  scheduleRetry();
}

/** listener() runs each time the server is reachable again after an outage. */
export function onRecovered(listener) {
  recoveryListeners.push(listener);
}

/** Resolves when the server is reachable (at once if it is). */
export function whenReachable() {
  return reachable ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve));
}

async function serverAnswers() {
  try {
    const response = await fetch(CONNECTION.HEALTH_PATH, { cache: 'no-store', signal: AbortSignal.timeout(CONNECTION.RETRY_INTERVAL_MS * 2) });
    return response.ok;
  } catch {
    return false;
  }
}

async function heartbeat() {
  if (reachable && !(await serverAnswers())) reportUnreachable();
}

function scheduleRetry() {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(retry, CONNECTION.RETRY_INTERVAL_MS);
}

async function retry() {
  if (await serverAnswers()) {
    recovered();
  } else {
    scheduleRetry();
  }
}

function recovered() {
  reachable = true;
  renderBanner();
  showNotice('connection-back', 'info', t('connection.back'), { autoHideMs: CONNECTION.RECOVERED_NOTICE_MS });
  const resolved = waiting;
  waiting = [];
  resolved.forEach((resolve) => resolve());
  recoveryListeners.forEach((listener) => listener());
}

function renderBanner() {
  if (!banner) return;
  banner.hidden = reachable;
  banner.textContent = t('connection.down');
  document.documentElement.dataset.connection = reachable ? 'up' : 'down';
}
