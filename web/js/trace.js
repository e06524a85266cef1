// Tracing the drainage network from a point (/api/network/trace): the pipes up- or downstream are
// highlighted on the map and the path's longitudinal profile is drawn below it. The point is typed in, or
// picked on the map after "pick on map".
import { t, onLanguageChange } from './i18n.js';
import { getJson, ServerError } from './api.js';
import { NETWORK_TOOLS } from './settings.js';
import { createHighlight } from './highlight.js';
import { profileSvg } from './profileChart.js';

export function createTraceTool(element, profilePanel, map) {
  const input = element.querySelector('#trace-point');
  const direction = element.querySelector('#trace-direction');
  const runButton = element.querySelector('#trace-run');
  const pickButton = element.querySelector('#trace-pick');
  const clearButton = element.querySelector('#trace-clear');
  const status = element.querySelector('#trace-status');
  const highlight = createHighlight(map, NETWORK_TOOLS.TRACE_COLOUR);
  let compound = null;
  let picking = false;
  let last = null;

  runButton.addEventListener('click', () => run());
  input.addEventListener('keydown', (event) => { if (event.key === 'Enter') run(); });
  pickButton.addEventListener('click', () => setPicking(!picking));
  clearButton.addEventListener('click', clear);
  profilePanel.querySelector('.profile-close').addEventListener('click', () => { profilePanel.hidden = true; });
  onLanguageChange(() => { if (last) show(last); });

  function setCompound(code) {
    compound = code;
  }

  function setPicking(on) {
    picking = on;
    pickButton.classList.toggle('active', on);
    map.getContainer().classList.toggle('picking', on);
    status.textContent = on ? t('trace.picking') : '';
  }

  /** A click on a map feature while picking: a pipe point starts the trace. Returns true when it was used. */
  function pick(collection, feature) {
    if (!picking || collection !== 'pipe-points') return false;
    setPicking(false);
    compound = feature.properties.compound ?? compound;
    input.value = feature.properties.point_no;
    run();
    return true;
  }

  async function run() {
    const point = input.value.trim();
    if (!point) { status.textContent = t('trace.needPoint'); return; }
    if (!compound) { status.textContent = t('trace.needCompound'); return; }
    const query = new URLSearchParams({ point, compound, direction: direction.value });
    status.textContent = t('trace.running');
    try {
      show(await getJson(`/api/network/trace?${query}`, { labelKey: 'trace.title' }));
    } catch (error) {
      status.textContent = error instanceof ServerError ? error.description : t('error.load', { what: t('trace.title') });
    }
  }

  function show(trace) {
    last = trace;
    const onPath = new Set(trace.path.map((p) => p.pipe_id));
    highlight.show(trace, {
      styleOf: (f) => (f.properties.kind === 'pipe' && !onPath.has(f.properties.id) ? { opacity: 0.45, weight: 4 } : {})
    });
    const bounds = highlight.bounds();
    if (bounds?.isValid()) map.fitBounds(bounds.pad(0.2), { maxZoom: NETWORK_TOOLS.FINDING_ZOOM_MAX });
    status.textContent = t(trace.direction === 'down' ? 'trace.resultDown' : 'trace.resultUp', {
      point: trace.start.point_no, n: trace.pipe_count, length: trace.length_m.toFixed(1)
    });
    clearButton.hidden = false;
    drawProfile(trace);
  }

  function drawProfile(trace) {
    const body = profilePanel.querySelector('.profile-body');
    const svg = profileSvg(trace);
    const end = trace.stations.at(-1);
    profilePanel.querySelector('.profile-summary').textContent = svg
      ? t('profile.summary', { from: trace.stations[0].point_no, to: end.point_no, length: end.chainage_m.toFixed(1) })
      : '';
    if (svg) {
      body.replaceChildren(svg);
    } else {
      const empty = document.createElement('p');
      empty.className = 'muted';
      empty.textContent = t('profile.empty');
      body.replaceChildren(empty);
    }
    profilePanel.hidden = false;
  }

  function clear() {
    last = null;
    highlight.clear();
    profilePanel.hidden = true;
    clearButton.hidden = true;
    status.textContent = '';
  }

  return { setCompound, pick, run };
}
