// The dig check: draw a pit (rectangle or polygon) or a trench (a line with a width), give the dig depth,
// and see every pipe and pipe point in it highlighted on the map and listed by depth, those that the dig
// will expose marked. The printable report (/dig-report.html) and a GeoJSON download carry the same answer.
import { t, onLanguageChange, translatePage } from '../i18n.js';
import { postJson, ServerError, ServerUnreachable } from '../api.js';
import { showNotice, clearNotice } from '../notices.js';
import { rgbCss } from '../styles.js';
import { draw, cancelDrawing, metres, escapeHtml } from './drawing.js';
import { answerNotes } from './answerNotes.js';

const NOTICE = 'dig-check';

export function createDigTool(element, { map, networks }) {
  const networkByCode = new Map(networks.map((n) => [n.code, n]));
  map.createPane('checkResultsPane').style.zIndex = '640';
  const result = L.layerGroup().addTo(map);
  let lastRequest = null;
  let lastAnswer = null;

  element.innerHTML = `
    <div class="check-row">
      <button type="button" id="dig-draw-pit" data-i18n="dig.drawPit"></button>
      <button type="button" id="dig-draw-polygon" data-i18n="dig.drawPolygon"></button>
      <button type="button" id="dig-draw-trench" data-i18n="dig.drawTrench"></button>
    </div>
    <div class="check-row">
      <label><span data-i18n="dig.depth"></span> <input id="dig-depth" type="number" min="0.1" step="0.1" value="1.5"> m</label>
      <label><span data-i18n="dig.width"></span> <input id="dig-width" type="number" min="0.1" step="0.1" value="1.0"> m</label>
    </div>
    <p id="dig-status" class="muted" aria-live="polite"></p>
    <div id="dig-results"></div>
    <div class="check-row" id="dig-actions" hidden>
      <a id="dig-report-link" target="_blank" rel="noopener" data-i18n="dig.report"></a>
      <a id="dig-download" download="dig-check.geojson" data-i18n="dig.download"></a>
      <button type="button" id="dig-clear" data-i18n="checks.clear"></button>
    </div>`;
  translatePage(element);
  const $ = (selector) => element.querySelector(selector);
  const depth = () => positive($('#dig-depth').value);

  $('#dig-draw-pit').addEventListener('click', () => start('Rectangle'));
  $('#dig-draw-polygon').addEventListener('click', () => start('Polygon'));
  $('#dig-draw-trench').addEventListener('click', () => start('Line'));
  $('#dig-clear').addEventListener('click', clear);
  $('#dig-depth').addEventListener('change', () => { if (lastRequest) run({ ...lastRequest, depth_m: depth() }); });
  onLanguageChange(() => { if (lastAnswer) render(lastAnswer); });

  function start(shape) {
    status(t(shape === 'Line' ? 'dig.hintTrench' : 'dig.hintPit'));
    draw(map, shape, (geometry) => {
      const request = { geometry, depth_m: depth() };
      if (geometry.type === 'LineString') request.width_m = positive($('#dig-width').value);
      run(request);
    });
  }

  async function run(request) {
    lastRequest = request;
    status(t('dig.running'));
    const body = { type: 'Feature', geometry: request.geometry, properties: { depth_m: request.depth_m, width_m: request.width_m } };
    try {
      const answer = await postJson('/api/checks/dig', body, { labelKey: 'dig.title' });
      clearNotice(NOTICE);
      lastAnswer = answer;
      render(answer);
    } catch (error) {
      failed(error);
    }
  }

  function render(answer) {
    result.clearLayers();
    L.geoJSON(answer.area.geometry, { pane: 'checkResultsPane', interactive: false, style: { className: 'dig-area', color: '#1565c0', weight: 2, dashArray: '6 4', fillOpacity: 0.08 } }).addTo(result);
    answer.features.forEach((feature) => highlight(feature));
    const s = answer.summary;
    status(t('dig.summary', { pipes: s.pipes, points: s.pipe_points, exposed: s.will_be_exposed, area: metres(answer.area.area_m2) }));
    $('#dig-results').innerHTML = answerNotes(answer) + table(answer);
    const hash = encodeURIComponent(JSON.stringify(lastRequest));
    $('#dig-report-link').href = `/dig-report.html#${hash}`;
    $('#dig-download').href = URL.createObjectURL(new Blob([JSON.stringify(answer, null, 1)], { type: 'application/geo+json' }));
    $('#dig-actions').hidden = false;
  }

  function highlight(feature) {
    const p = feature.properties;
    const colour = rgbCss(networkByCode.get(p.network)?.rgb ?? [0, 0, 0]);
    const exposed = p.will_be_exposed ? ' dig-exposed' : '';
    if (feature.geometry.type === 'Point') {
      const [lng, lat] = feature.geometry.coordinates;
      L.circleMarker([lat, lng], { pane: 'checkResultsPane', radius: 7, color: '#ffd600', weight: 3, fillColor: colour, fillOpacity: 1, className: `dig-hit${exposed}` })
        .bindTooltip(itemName(p)).addTo(result);
      return;
    }
    L.geoJSON(feature, { pane: 'checkResultsPane', interactive: false, style: { color: '#ffd600', weight: 12, opacity: 0.7, className: 'dig-halo' } }).addTo(result);
    L.geoJSON(feature, { pane: 'checkResultsPane', style: { color: colour, weight: 4, className: `dig-hit${exposed}` } })
      .bindTooltip(itemName(p)).addTo(result);
  }

  function table(answer) {
    const rows = answer.features.map((f) => {
      const p = f.properties;
      return `<tr class="${p.will_be_exposed ? 'exposed' : ''}"><td>${p.order}</td><td>${escapeHtml(t(`network.${p.network}`))}</td>
        <td>${escapeHtml(itemName(p))}</td><td>${escapeHtml(p.size ?? (p.appurtenance || p.feature || ''))}</td>
        <td>${depthRange(p)}</td><td>${escapeHtml(p.exposure ? t(`exposure.${p.exposure}`) : '—')}</td></tr>`;
    }).join('');
    return `<table class="check-table"><thead><tr><th>#</th><th>${t('field.network')}</th><th>${t('dig.item')}</th>
      <th>${t('field.size')}</th><th>${t('dig.depthRange')}</th><th>${t('dig.exposure')}</th></tr></thead><tbody>${rows}</tbody></table>`;
  }

  function clear() {
    cancelDrawing(map);
    result.clearLayers();
    lastRequest = null;
    lastAnswer = null;
    $('#dig-results').replaceChildren();
    $('#dig-actions').hidden = true;
    status('');
  }

  function failed(error) {
    status('');
    if (error instanceof ServerUnreachable) return;
    const detail = error instanceof ServerError ? t('error.server', { status: error.status, description: error.description }) : error.message;
    showNotice(NOTICE, 'error', `${t('dig.failed')}: ${detail}`);
  }

  function status(text) {
    $('#dig-status').textContent = text;
  }

  return { clear, run };
}

export function itemName(p) {
  if (p.kind === 'pipe_point') return p.point_no ?? '';
  return p.start_no || p.end_no ? `${p.start_no ?? '?'}–${p.end_no ?? '?'}` : (p.source_id ?? String(p.id));
}

/** "0.90–1.02 m" (outer top in the area), or "—" without depths. */
export function depthRange(p) {
  if (p.depth_top_min_m === null || p.depth_top_min_m === undefined) return '—';
  const top = p.depth_top_min_m === p.depth_top_max_m
    ? metres(p.depth_top_min_m) : `${metres(p.depth_top_min_m)}–${metres(p.depth_top_max_m)}`;
  const bottom = p.depth_bottom_max_m === null || p.depth_bottom_max_m === undefined ? '' : ` / ${metres(p.depth_bottom_max_m)}`;
  return `${top}${bottom} m ±${metres(p.depth_uncertainty_m)}`;
}

function positive(text) {
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
