// The compound finder: type a name or code (Chinese input methods included), see the matching
// compounds with their key numbers, click one to open it.
import { t, onLanguageChange } from './i18n.js';
import { getItems, ServerUnreachable } from './api.js';
import { onRecovered } from './connection.js';
import { LOADING, LAYOUT } from './settings.js';

export function createFinder(element, { onOpen, onLoaded = () => {} }) {
  const input = element.querySelector('#finder-input');
  const list = element.querySelector('#finder-list');
  const status = element.querySelector('#finder-status');
  let compounds = null;
  let composing = false;

  input.addEventListener('compositionstart', () => { composing = true; });
  input.addEventListener('compositionend', () => { composing = false; render(); });
  input.addEventListener('input', () => { if (!composing) render(); });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !composing) list.querySelector('button')?.click();
  });
  onLanguageChange(render);
  onRecovered(() => { if (!compounds) load(); });

  async function load() {
    status.textContent = t('finder.loading');
    try {
      const collection = await getItems('compounds', { limit: LOADING.MAX_COMPOUNDS }, { labelKey: 'finder.title' });
      compounds = collection.features.sort((a, b) => a.properties.compound.localeCompare(b.properties.compound));
      render();
      onLoaded(compounds);
    } catch (error) {
      status.textContent = error instanceof ServerUnreachable ? t('connection.down') : t('error.load', { what: t('finder.title') });
    }
  }

  function matches(feature, query) {
    const { compound, name, district } = feature.properties;
    return [compound, name, district].some((text) => (text ?? '').toLowerCase().includes(query));
  }

  function render() {
    if (!compounds) return;
    const query = input.value.trim().toLowerCase();
    const shown = compounds.filter((f) => matches(f, query));
    list.replaceChildren(...shown.map(item));
    status.textContent = shown.length === 0 ? t('finder.none') : t('finder.count', { n: shown.length });
  }

  function keyNumbers(p) {
    const numbers = [];
    if (p.households != null) numbers.push(t('finder.households', { n: p.households }));
    if (p.site_area_m2 != null) {
      numbers.push(t('finder.area', { n: (p.site_area_m2 / LAYOUT.SQUARE_METRES_PER_AREA_UNIT).toFixed(1) }));
    }
    if (p.renovation_year != null) numbers.push(t('finder.renovated', { year: p.renovation_year }));
    return numbers.join(' · ');
  }

  function item(feature) {
    const p = feature.properties;
    const li = document.createElement('li');
    li.dataset.code = p.compound;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'finder-item';
    const name = document.createElement('span');
    name.className = 'finder-name';
    name.textContent = p.name;
    const code = document.createElement('span');
    code.className = 'finder-code';
    code.textContent = p.compound;
    const numbers = document.createElement('span');
    numbers.className = 'finder-numbers';
    numbers.textContent = keyNumbers(p);
    button.append(name, code, numbers);
    button.addEventListener('click', () => {
      list.querySelectorAll('.active').forEach((el) => el.classList.remove('active'));
      li.classList.add('active');
      li.scrollIntoView({ block: 'nearest' });
      onOpen(feature);
    });
    li.append(button);
    return li;
  }

  /** Opens the compound with this code as if its entry had been clicked; false if there is none. */
  function openByCode(code) {
    const button = list.querySelector(`li[data-code="${CSS.escape(code)}"] button`);
    button?.click();
    return Boolean(button);
  }

  load();
  return { openByCode };
}
