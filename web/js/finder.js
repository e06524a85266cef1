// The compound finder: type a name, code, pinyin initials (nyxc), district or address (Chinese input methods
// included); the server answers one page of matches at a time with their key numbers; click one (or pick it
// with the arrow keys and Enter) to open it. The whole compound list is never loaded.
import { t, onLanguageChange } from './i18n.js';
import { onRecovered } from './connection.js';
import { showNotice } from './notices.js';
import { LAYOUT } from './settings.js';
import { createCompoundPicker, compoundFeature } from './compoundPicker.js';
import { getJson } from './api.js';
import { SEARCH } from './settings.js';

export function createFinder(element, { onOpen, onFeature }) {
  const picker = createCompoundPicker({
    input: element.querySelector('#finder-input'),
    list: element.querySelector('#finder-list'),
    status: element.querySelector('#finder-status'),
    more: element.querySelector('#finder-more'),
    renderItem: item,
    onPick: (found) => openByCode(found.code)
  });
  onRecovered(() => picker.retryIfFailed());

  function keyNumbers(p) {
    const numbers = [];
    if (p.households != null) numbers.push(t('finder.households', { n: p.households }));
    if (p.site_area_m2 != null) {
      numbers.push(t('finder.area', { n: (p.site_area_m2 / LAYOUT.SQUARE_METRES_PER_AREA_UNIT).toFixed(1) }));
    }
    if (p.renovation_year != null) numbers.push(t('finder.renovated', { year: p.renovation_year }));
    return numbers.join(' · ');
  }

  function item(found) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'finder-item';
    const name = document.createElement('span');
    name.className = 'finder-name';
    name.textContent = found.name;
    const code = document.createElement('span');
    code.className = 'finder-code';
    code.textContent = found.code;
    const numbers = document.createElement('span');
    numbers.className = 'finder-numbers';
    numbers.textContent = keyNumbers(found);
    button.append(name, code, numbers);
    return button;
  }

  /** Opens the compound with this code (its boundary and properties are fetched); false if there is none. */
  async function openByCode(code) {
    try {
      const feature = await compoundFeature(code);
      if (!feature) {
        showNotice('finder', 'error', t('finder.noSuchCompound', { code }));
        return false;
      }
      picker.markActive(code);
      onOpen(feature);
      return true;
    } catch (error) {
      showNotice('finder', 'error', error.description ?? error.message);
      return false;
    }
  }

  // Besides compounds, what is typed may be a point number (YS12), a fire lane or a road (issue 14 point 7):
  // GET /api/search/features answers those below the compound list; a click goes to the hit.
  const input = element.querySelector('#finder-input');
  const featureList = element.querySelector('#finder-features');
  let timer = null;
  let asked = '';
  let hits = [];
  const showHits = () => featureList.replaceChildren(...hits.map(featureItem));
  onLanguageChange(showHits);
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(searchFeatures, SEARCH.DEBOUNCE_MS);
  });

  async function searchFeatures() {
    const q = input.value.trim();
    asked = q;
    if (q === '') {
      hits = [];
      showHits();
      return;
    }
    try {
      const answer = await getJson(`/api/search/features?q=${encodeURIComponent(q)}&limit=${SEARCH.PAGE_SIZE}`, { labelKey: 'finder.title' });
      if (asked !== q) return;
      hits = answer.items;
    } catch {
      hits = []; // the compound list says what went wrong; this list stays empty
    }
    showHits();
  }

  function featureItem(hit) {
    const li = document.createElement('li');
    li.dataset.kind = hit.kind;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'finder-item finder-feature';
    button.textContent = t(`finder.hit.${hit.kind}`, { label: hit.label, detail: hit.detail ?? '', compound: hit.compound });
    button.addEventListener('click', () => onFeature(hit));
    li.append(button);
    return li;
  }

  picker.refresh();
  /** refresh(): lists again what is typed, so a compound just created or renamed shows. */
  return { openByCode, refresh: () => picker.refresh() };
}
