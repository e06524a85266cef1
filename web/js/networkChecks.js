// The drainage network checks of the opened compound (/api/checks/network): the findings with their rule,
// the pipes and points involved; a click zooms to a finding and highlights it on the map.
import { citationText } from './serverText.js';
import { t, language, onLanguageChange } from './i18n.js';
import { getJson, ServerError } from './api.js';
import { NETWORK_TOOLS } from './settings.js';
import { createHighlight } from './highlight.js';

export function createNetworkChecks(element, map) {
  const run = element.querySelector('#checks-run');
  const status = element.querySelector('#checks-status');
  const list = element.querySelector('#checks-list');
  const compoundLabel = element.querySelector('#checks-compound');
  const highlight = createHighlight(map, NETWORK_TOOLS.HIGHLIGHT_COLOUR);
  let compound = null;
  let result = null;

  run.addEventListener('click', () => check());
  onLanguageChange(render);
  render();

  function setCompound(code) {
    if (code === compound) return;
    compound = code;
    result = null;
    highlight.clear();
    render();
  }

  async function check() {
    if (!compound) return;
    status.textContent = t('checks.running');
    run.disabled = true;
    try {
      result = await getJson(`/api/checks/network?compound=${encodeURIComponent(compound)}`, { labelKey: 'checks.title' });
    } catch (error) {
      result = null;
      status.textContent = error instanceof ServerError ? t('error.server', { status: error.status, description: error.description }) : t('error.load', { what: t('checks.title') });
      return;
    } finally {
      run.disabled = !compound;
    }
    render();
  }

  function render() {
    compoundLabel.textContent = compound ? t('checks.compound', { code: compound }) : t('checks.noCompound');
    run.disabled = !compound;
    if (!result) {
      list.replaceChildren();
      if (!run.disabled) status.textContent = '';
      return;
    }
    const features = result.features;
    status.textContent = features.length === 0
      ? t('checks.none', { pipes: result.scope.pipes_checked })
      : t('checks.count', { n: features.length, pipes: result.scope.pipes_checked });
    list.replaceChildren(...features.map(item));
  }

  function numbers(p) {
    const pipes = p.pipes.map((pipe) => `${pipe.start_no ?? '?'}→${pipe.end_no ?? '?'}`);
    const points = p.points.map((point) => point.point_no).filter((no) => !p.pipes.some((pipe) => pipe.start_no === no || pipe.end_no === no));
    return [...pipes, ...points].join(' · ');
  }

  function item(feature) {
    const p = feature.properties;
    const li = document.createElement('li');
    li.dataset.code = p.code;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'finding-item';
    // the server's description is English (for API clients): the Chinese screen names the defect and where it is
    const what = language() === 'en' ? p.description : `${t(`checks.code.${p.code}`)}：${numbers(p)}`;
    button.title = `${what}\n${citationText(p.rule)}`;
    const label = document.createElement('span');
    label.className = 'finding-code';
    label.textContent = t(`checks.code.${p.code}`);
    const where = document.createElement('span');
    where.className = 'finding-where';
    where.textContent = numbers(p);
    button.append(label, where);
    if (p.unconfirmed) {
      const flag = document.createElement('span');
      flag.className = 'finding-unconfirmed';
      flag.textContent = t('checks.unconfirmed');
      button.append(flag);
    }
    button.addEventListener('click', () => {
      list.querySelectorAll('.active').forEach((el) => el.classList.remove('active'));
      li.classList.add('active');
      zoomTo(feature);
    });
    li.append(button);
    return li;
  }

  function zoomTo(feature) {
    highlight.show(feature);
    const bounds = highlight.bounds();
    if (bounds?.isValid()) map.fitBounds(bounds.pad(0.5), { maxZoom: NETWORK_TOOLS.FINDING_ZOOM_MAX });
  }

  return { setCompound, check };
}
