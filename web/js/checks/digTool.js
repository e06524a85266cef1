// The dig check: draw a pit (rectangle or polygon) or a trench (a line with a width), give the dig depth,
// and see every pipe and pipe point in it highlighted on the map and listed by depth, those that the dig
// will expose marked. The printable report (/dig-report.html) and a GeoJSON download carry the same answer.
import { t, onLanguageChange, translatePage } from '../i18n.js';
import { postJson, postForFile } from '../api.js';
import { clearNotice, showFailure } from '../notices.js';
import { rgbCss } from '../styles.js';
import { draw, cancelDrawing, undoLastPoint, metres, escapeHtml } from './drawing.js';
import { answerNotes } from './answerNotes.js';

const NOTICE = 'dig-check';
/** The zoom a chosen item is shown at, at least (a pipe of a few metres is then a finger long). */
const SELECTED_ZOOM = 20;
/** How an item the dig exposes and one below the dig depth are drawn. */
const DIG_LOOK = Object.freeze({
  exposed: { halo: '#d50000', opacity: 1, dashArray: null },
  other: { halo: '#ffd600', opacity: 0.55, dashArray: '6 5' }
});

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
    <div class="check-row" id="dig-drawing" hidden>
      <button type="button" id="dig-undo" data-i18n="dig.undo"></button>
      <button type="button" id="dig-cancel" data-i18n="dig.cancel"></button>
    </div>
    <p id="dig-status" class="muted" aria-live="polite"></p>
    <p id="dig-legend" class="dig-legend" hidden><span class="dig-key exposed"></span><span data-i18n="dig.legendExposed"></span>
      <span class="dig-key below"></span><span data-i18n="dig.legendBelow"></span></p>
    <div id="dig-results" class="table-scroll"></div>
    <div class="check-row" id="dig-actions" hidden>
      <button type="button" id="dig-pdf" data-i18n="dig.pdf"></button>
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
  $('#dig-pdf').addEventListener('click', downloadPdf);
  $('#dig-undo').addEventListener('click', () => undoLastPoint(map));
  $('#dig-cancel').addEventListener('click', () => { cancelDrawing(map); drawingEnded(); });
  $('#dig-results').addEventListener('click', (event) => {
    const row = event.target.closest('tr[data-order]');
    if (row) select(Number(row.dataset.order));
  });
  $('#dig-depth').addEventListener('change', () => { if (lastRequest) run({ ...lastRequest, depth_m: depth() }); });
  onLanguageChange(() => { if (lastAnswer) render(lastAnswer); });

  /** Rectangle, Polygon or Line: the hint says how that shape is drawn, and how to undo or cancel. */
  const HINTS = { Rectangle: 'dig.hintRectangle', Polygon: 'dig.hintPolygon', Line: 'dig.hintTrench' };

  function start(shape) {
    status(t(HINTS[shape]));
    $('#dig-drawing').hidden = false;
    $('#dig-undo').hidden = shape === 'Rectangle';
    draw(map, shape, (geometry) => {
      drawingEnded();
      const request = { geometry, depth_m: depth() };
      if (geometry.type === 'LineString') request.width_m = positive($('#dig-width').value);
      run(request);
    }, () => { drawingEnded(); status(t('dig.cancelled')); });
  }

  function drawingEnded() {
    $('#dig-drawing').hidden = true;
    status('');
  }

  /** The same check as the server's numbered PDF report (recorded with who asked), saved as a file. */
  async function downloadPdf() {
    if (!lastRequest) return;
    const button = $('#dig-pdf');
    button.disabled = true;
    try {
      const { blob, filename } = await postForFile('/api/checks/dig/report.pdf', digBody(lastRequest),
        { labelKey: 'dig.pdf', accept: 'application/pdf' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = filename;
      link.click();
      status(t('dig.pdfSaved', { file: filename }));
      element.dataset.lastPdf = filename;
    } catch (error) {
      showFailure(NOTICE, 'dig.pdfFailed', error);
    } finally {
      button.disabled = false;
    }
  }

  function digBody(request) {
    return { type: 'Feature', geometry: request.geometry, properties: { depth_m: request.depth_m, width_m: request.width_m } };
  }

  async function run(request) {
    lastRequest = request;
    status(t('dig.running'));
    try {
      const answer = await postJson('/api/checks/dig', digBody(request), { labelKey: 'dig.title' });
      clearNotice(NOTICE);
      lastAnswer = answer;
      render(answer);
    } catch (error) {
      failed(error);
    }
  }

  /** The map layer of each listed item, by its order in the table. */
  const layersByOrder = new Map();

  function render(answer) {
    clearResults();
    L.geoJSON(answer.area.geometry, { pane: 'checkResultsPane', interactive: false, style: { className: 'dig-area', color: '#1565c0', weight: 2, dashArray: '6 4', fillOpacity: 0.08 } }).addTo(result);
    answer.features.forEach((feature) => highlight(feature));
    const s = answer.summary;
    status(t('dig.summary', { pipes: s.pipes, points: s.pipe_points, exposed: s.will_be_exposed, area: metres(answer.area.area_m2) }));
    $('#dig-legend').hidden = answer.features.length === 0;
    $('#dig-results').innerHTML = answerNotes(answer) + table(answer);
    const hash = encodeURIComponent(JSON.stringify(lastRequest));
    $('#dig-report-link').href = `/dig-report.html#${hash}`;
    $('#dig-download').href = URL.createObjectURL(new Blob([JSON.stringify(answer, null, 1)], { type: 'application/geo+json' }));
    $('#dig-actions').hidden = false;
  }

  /**
   * Exposed items are drawn solid with a red halo, items below the dig depth (or of unknown depth) dashed and
   * paler with a yellow one: what the digger meets first stands out (legend: #dig-legend).
   */
  function highlight(feature) {
    const p = feature.properties;
    const colour = rgbCss(networkByCode.get(p.network)?.rgb ?? [0, 0, 0]);
    const exposed = p.will_be_exposed;
    const look = exposed ? DIG_LOOK.exposed : DIG_LOOK.other;
    const kind = exposed ? ' dig-exposed' : ' dig-below';
    let layer;
    if (feature.geometry.type === 'Point') {
      const [lng, lat] = feature.geometry.coordinates;
      layer = L.circleMarker([lat, lng], { pane: 'checkResultsPane', radius: 7, color: look.halo, weight: 3, dashArray: look.dashArray,
        fillColor: colour, fillOpacity: look.opacity, className: `dig-hit${kind}` });
    } else {
      L.geoJSON(feature, { pane: 'checkResultsPane', interactive: false, style: { color: look.halo, weight: 12, opacity: 0.6, className: `dig-halo${kind}` } }).addTo(result);
      layer = L.geoJSON(feature, { pane: 'checkResultsPane', style: { color: colour, weight: 4, opacity: look.opacity, dashArray: look.dashArray, className: `dig-hit${kind}` } });
    }
    layer.bindTooltip(itemName(p)).on('click', () => select(p.order)).addTo(result);
    layersByOrder.set(p.order, layer);
  }

  /** A row or a highlighted item chosen: both marked, the map brought to it. */
  function select(order) {
    element.querySelectorAll('#dig-results tr.selected').forEach((row) => row.classList.remove('selected'));
    const row = element.querySelector(`#dig-results tr[data-order="${order}"]`);
    row?.classList.add('selected');
    row?.scrollIntoView({ block: 'nearest', inline: 'start' }); // its first columns say which item it is
    layersByOrder.forEach((layer, o) => eachPath(layer, (path) => path.classList.toggle('dig-selected', o === order)));
    const layer = layersByOrder.get(order);
    if (!layer) return;
    if (layer.getLatLng) map.setView(layer.getLatLng(), Math.max(map.getZoom(), SELECTED_ZOOM));
    else map.fitBounds(layer.getBounds(), { maxZoom: Math.max(map.getZoom(), SELECTED_ZOOM), padding: [40, 40] });
  }

  function eachPath(layer, fn) {
    if (layer._path) fn(layer._path);
    layer.eachLayer?.((child) => child._path && fn(child._path));
  }

  function table(answer) {
    const rows = answer.features.map((f) => {
      const p = f.properties;
      return `<tr data-order="${p.order}" class="${p.will_be_exposed ? 'exposed' : ''}"><td>${p.order}</td><td>${escapeHtml(t(`network.${p.network}`))}</td>
        <td>${escapeHtml(itemLabel(p))}</td><td>${escapeHtml(p.kind === 'pipe_point' ? '—' : (p.size ?? '—'))}</td>
        <td>${p.kind === 'pipe_point' ? pointDepth(p) : depthRange(p)}</td><td>${escapeHtml(p.exposure ? t(`exposure.${p.exposure}`) : '—')}</td></tr>`;
    }).join('');
    return `<table class="check-table dig-table"><thead><tr><th>#</th><th>${t('field.network')}</th><th>${t('dig.item')}</th>
      <th>${t('field.size')}</th><th>${t('dig.depthRange')}</th><th>${t('dig.exposure')}</th></tr></thead><tbody>${rows}</tbody></table>`;
  }

  function clearResults() {
    result.clearLayers();
    layersByOrder.clear();
    $('#dig-results').replaceChildren();
    $('#dig-actions').hidden = true;
    $('#dig-legend').hidden = true;
  }

  function clear() {
    cancelDrawing(map);
    $('#dig-drawing').hidden = true;
    clearResults();
    lastRequest = null;
    lastAnswer = null;
    status('');
  }

  function failed(error) {
    status('');
    clearResults(); // an answer to an earlier pit must not stand beside the error of this one
    lastAnswer = null;
    showFailure(NOTICE, 'dig.failed', error);
  }

  function status(text) {
    $('#dig-status').textContent = text;
  }

  return { clear, run };
}

/** The table's item: a pipe by its end points, a chamber or other point by its number and kind. */
export function itemLabel(p) {
  if (p.kind !== 'pipe_point') return itemName(p);
  const kind = p.appurtenance || p.feature;
  return kind ? `${p.point_no ?? ''} ${kind}`.trim() : (p.point_no ?? '');
}

/** A chamber's depth is its own: the well depth ("井深 1.75 m"), not a pipe's top and bottom. */
export function pointDepth(p) {
  return p.well_depth_m === null || p.well_depth_m === undefined ? '—' : escapeHtml(t('dig.wellDepth', { depth: metres(p.well_depth_m) }));
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
