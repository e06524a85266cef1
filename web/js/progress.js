// A visible progress indicator: a moving bar and what is being loaded while any request is in flight.
// The count is also on <html data-pending="n"> (the browser tests wait for it to reach 0).
import { t, onLanguageChange } from './i18n.js';

const inFlight = new Map(); // label key -> number of requests
let bar;
let text;

export function initProgress(element) {
  bar = element;
  text = element.querySelector('.progress-text');
  onLanguageChange(render);
  render();
}

/** Runs promiseFactory() while showing that labelKey is loading. */
export async function track(labelKey, promiseFactory) {
  inFlight.set(labelKey, (inFlight.get(labelKey) ?? 0) + 1);
  render();
  try {
    return await promiseFactory();
  } finally {
    const left = inFlight.get(labelKey) - 1;
    if (left > 0) inFlight.set(labelKey, left); else inFlight.delete(labelKey);
    render();
  }
}

function pendingCount() {
  let n = 0;
  inFlight.forEach((count) => { n += count; });
  return n;
}

function render() {
  const pending = pendingCount();
  document.documentElement.dataset.pending = String(pending);
  if (!bar) return;
  bar.hidden = pending === 0;
  if (pending > 0) {
    text.textContent = t('progress.loading', { what: [...inFlight.keys()].map((key) => t(key)).join('、') });
  }
}
