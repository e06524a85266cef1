// A compound chooser backed by the server's search (GET /api/compounds/search): what is typed (name, code,
// pinyin initials such as nyxc, district, address) is sent after a short pause, one page at a time, with a
// "more" button for the next page; up/down move through the list, Enter picks. Chinese input methods are
// waited for (nothing is sent while a syllable is being composed). Used by the finder and the upload form.
import { t, onLanguageChange } from './i18n.js';
import { getJson, getItems, isAbort, ServerUnreachable } from './api.js';
import { SEARCH } from './settings.js';

/** One page of matches for q: {items, numberMatched, next}. */
export function searchCompounds(q, { offset = 0, signal } = {}) {
  const query = new URLSearchParams({ q, limit: SEARCH.PAGE_SIZE, offset });
  return getJson(`/api/compounds/search?${query}`, { labelKey: 'finder.title', signal });
}

/** The compound with this code as a GeoJSON feature (geometry and every property), or null. */
export async function compoundFeature(code) {
  const collection = await getItems('compounds', { compound: code, limit: 1 }, { labelKey: 'layer.compounds' });
  return collection.features[0] ?? null;
}

/**
 * input: the text box; list: a <ul> for the matches; status: where counts and errors are written; more: the
 * "more" button. renderItem(item) makes the <button> of one match. listEmptyQuery: list every compound (first
 * page) before anything is typed. onPick(item) when one is clicked or chosen with Enter.
 */
export function createCompoundPicker({ input, list, status, more, renderItem, onPick, listEmptyQuery = true }) {
  let composing = false;
  let timer = null;
  let controller = null;
  let shown = []; // the items listed, in order
  let answer = null; // the last page's {numberMatched, next}
  let highlighted = -1;
  let failed = false;

  input.addEventListener('compositionstart', () => { composing = true; });
  input.addEventListener('compositionend', () => { composing = false; schedule(); });
  input.addEventListener('input', () => { if (!composing) schedule(); });
  input.addEventListener('keydown', onKey);
  more.addEventListener('click', () => load({ append: true }));
  onLanguageChange(() => renderStatus());

  function onKey(event) {
    if (composing || event.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (shown.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      highlight(Math.max(0, Math.min(shown.length - 1, highlighted + step)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (timer) { // typed and pressed Enter at once: search now, pick the first match
        clearTimeout(timer);
        timer = null;
        load({ pickFirst: true });
      } else if (shown.length > 0) {
        pick(shown[Math.max(0, highlighted)]);
      }
    } else if (event.key === 'Escape') {
      input.value = '';
      schedule();
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => { timer = null; load(); }, SEARCH.DEBOUNCE_MS);
  }

  async function load({ append = false, pickFirst = false } = {}) {
    const q = input.value.trim();
    if (!append && q === '' && !listEmptyQuery) {
      controller?.abort();
      shown = [];
      answer = null;
      list.replaceChildren();
      renderStatus();
      return;
    }
    controller?.abort();
    controller = new AbortController();
    const offset = append ? shown.length : 0;
    if (!append) status.textContent = t('finder.loading');
    try {
      const page = await searchCompounds(q, { offset, signal: controller.signal });
      failed = false;
      answer = page;
      if (!append) {
        shown = [];
        list.replaceChildren();
        highlighted = -1;
      }
      shown.push(...page.items);
      list.append(...page.items.map(entry));
      renderStatus();
      if (pickFirst && shown.length > 0) pick(shown[0]);
    } catch (error) {
      if (isAbort(error)) return;
      failed = true;
      status.textContent = error instanceof ServerUnreachable ? t('connection.down') : t('error.load', { what: t('finder.title') });
    }
  }

  function entry(item) {
    const li = document.createElement('li');
    li.dataset.code = item.code;
    li.setAttribute('role', 'option');
    const button = renderItem(item);
    button.tabIndex = -1;
    button.addEventListener('click', () => pick(item));
    li.append(button);
    return li;
  }

  function pick(item) {
    markActive(item.code);
    onPick(item);
  }

  function markActive(code) {
    list.querySelectorAll('.active').forEach((el) => el.classList.remove('active'));
    const li = list.querySelector(`li[data-code="${CSS.escape(code)}"]`);
    li?.classList.add('active');
    li?.scrollIntoView({ block: 'nearest' });
  }

  function highlight(index) {
    highlighted = index;
    [...list.children].forEach((li, i) => {
      li.classList.toggle('highlighted', i === index);
      li.setAttribute('aria-selected', String(i === index));
    });
    list.children[index]?.scrollIntoView({ block: 'nearest' });
  }

  function renderStatus() {
    more.hidden = !answer?.next;
    if (!answer) {
      status.textContent = '';
      return;
    }
    more.textContent = t('finder.more', { n: answer.numberMatched - shown.length });
    if (answer.numberMatched === 0) status.textContent = t(answer.q === '' ? 'finder.noneYet' : 'finder.none');
    else if (shown.length < answer.numberMatched) status.textContent = t('finder.countOf', { n: shown.length, total: answer.numberMatched });
    else status.textContent = t('finder.count', { n: answer.numberMatched });
  }

  return {
    /** Lists the first page for what is in the box now. */
    refresh: () => load(),
    /** Empties the list (after a pick in the upload form). */
    clear: () => {
      clearTimeout(timer);
      controller?.abort();
      shown = [];
      answer = null;
      list.replaceChildren();
      renderStatus();
    },
    /** After an outage: only a search that failed is sent again. */
    retryIfFailed: () => { if (failed) load(); },
    markActive
  };
}
