// The clearance check (GB 50289): draw a design pipe or upload design pipes as GeoJSON, or check the opened
// compound's existing pipes against each other; the conflicts are drawn on the map, each labelled with what
// is required and what there is ("需 1.2 m / 实 0.35 m"), and can be filtered by kind and status.
import { citationText } from '../serverText.js';
import { t, onLanguageChange, translatePage } from '../i18n.js';
import { postJson } from '../api.js';
import { showNotice, clearNotice, showFailure } from '../notices.js';
import { rgbCss } from '../styles.js';
import { draw, cancelDrawing, metres, escapeHtml } from './drawing.js';
import { answerNotes } from './answerNotes.js';

const NOTICE = 'clearance-check';
const KINDS = ['horizontal', 'vertical'];
const STATUSES = ['violation', 'needs_approval', 'rule_unconfirmed', 'possible_conflict'];
const NETWORKS = ['YS', 'WS', 'HS', 'JS', 'RQ', 'RL', 'DL', 'TX'];

export function createConflictTool(element, { map, networks, currentCompound }) {
  const networkByCode = new Map(networks.map((n) => [n.code, n]));
  map.createPane('conflictsPane').style.zIndex = '645';
  const designLayer = L.layerGroup().addTo(map);
  const findingsLayer = L.layerGroup().addTo(map);
  let design = [];
  let answer = null;
  let subject = null; // {kind: 'design'} | {kind: 'compound', code}

  element.innerHTML = `
    <div class="check-row">
      <label><span data-i18n="conflict.network"></span> <select id="design-network">${NETWORKS.map((code) =>
        `<option value="${code}" data-i18n="network.${code}">${code}</option>`).join('')}</select></label>
      <label><span data-i18n="field.size"></span> <input id="design-size" value="DN400" size="7"></label>
    </div>
    <div class="check-row">
      <label><span data-i18n="conflict.startDepth"></span> <input id="design-start-depth" type="number" step="0.05" value="2.0"> m</label>
      <label><span data-i18n="conflict.endDepth"></span> <input id="design-end-depth" type="number" step="0.05" value="2.1"> m</label>
    </div>
    <div class="check-row">
      <button type="button" id="conflict-draw" data-i18n="conflict.draw"></button>
      <label class="file-button"><span data-i18n="conflict.upload"></span><input id="conflict-upload" type="file" accept=".geojson,.json,application/geo+json,application/json" hidden></label>
      <button type="button" id="conflict-compound" data-i18n="conflict.checkCompound"></button>
    </div>
    <fieldset id="conflict-filters" class="check-filters">
      ${KINDS.map((k) => `<label><input type="checkbox" data-filter-kind="${k}" checked> <span data-i18n="finding.kind.${k}"></span></label>`).join('')}
      <br>${STATUSES.map((s) => `<label><input type="checkbox" data-filter-status="${s}" checked> <span data-i18n="finding.status.${s}"></span></label>`).join('')}
    </fieldset>
    <p id="conflict-status" class="muted" aria-live="polite"></p>
    <div id="conflict-notes"></div>
    <ol id="conflict-list" class="check-list"></ol>
    <div class="check-row"><button type="button" id="conflict-clear" data-i18n="checks.clear"></button></div>`;
  translatePage(element);
  const $ = (selector) => element.querySelector(selector);

  $('#conflict-draw').addEventListener('click', () => {
    status(t('conflict.hintDraw'));
    draw(map, 'Line', (geometry) => {
      design.push({ type: 'Feature', id: `design-${design.length + 1}`, geometry, properties: designProperties() });
      checkDesign();
    });
  });
  $('#conflict-upload').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    event.target.value = '';
    if (file) uploadDesign(await file.text(), file.name);
  });
  $('#conflict-compound').addEventListener('click', () => {
    const code = currentCompound();
    if (!code) {
      status(t('conflict.noCompound'));
      return;
    }
    subject = { kind: 'compound', code };
    run(`/api/checks/clearance?compound=${encodeURIComponent(code)}`, '');
  });
  $('#conflict-filters').addEventListener('change', () => { if (answer) render(); });
  $('#conflict-clear').addEventListener('click', clear);
  onLanguageChange(() => { if (answer) render(); });

  function designProperties() {
    const start = Number($('#design-start-depth').value);
    const end = Number($('#design-end-depth').value);
    return { network: $('#design-network').value, size: $('#design-size').value.trim(), start_depth_m: start, end_depth_m: end };
  }

  function uploadDesign(text, name) {
    let collection;
    try {
      collection = JSON.parse(text);
    } catch {
      showNotice(NOTICE, 'error', t('conflict.badFile', { name }));
      return;
    }
    // a legacy "crs" member names the coordinates' CRS; RFC 7946 files are CRS84
    const crs = collection?.crs?.properties?.name;
    design = (collection.features ?? []).map((f, i) => ({ ...f, id: f.id ?? `${name}-${i + 1}` }));
    subject = { kind: 'design' };
    drawDesign(!crs); // the map draws CRS84; a file in another CRS is checked but not drawn
    run(`/api/checks/clearance${crs ? `?crs=${encodeURIComponent(crs)}` : ''}`, { type: 'FeatureCollection', features: design });
  }

  function checkDesign() {
    subject = { kind: 'design' };
    drawDesign();
    run('/api/checks/clearance', { type: 'FeatureCollection', features: design });
  }

  function drawDesign(onMap = true) {
    designLayer.clearLayers();
    if (!onMap) return;
    design.forEach((f) => {
      const colour = rgbCss(networkByCode.get(f.properties?.network)?.rgb ?? [0, 0, 0]);
      L.geoJSON(f, { pane: 'conflictsPane', interactive: false, style: { color: colour, weight: 5, dashArray: '8 6', className: 'design-pipe' } }).addTo(designLayer);
    });
  }

  async function run(path, body) {
    status(t('conflict.running'));
    try {
      answer = await postJson(path, body, { labelKey: 'conflict.title' });
      clearNotice(NOTICE);
      render();
    } catch (error) {
      failed(error);
    }
  }

  function visible(f) {
    const p = f.properties;
    const kindOn = $(`[data-filter-kind="${p.kind}"]`)?.checked;
    const statusOn = $(`[data-filter-status="${p.status}"]`)?.checked;
    return kindOn && statusOn;
  }

  function render() {
    findingsLayer.clearLayers();
    const shown = answer.features.filter(visible);
    shown.forEach(drawFinding);
    const s = answer.summary;
    status(t('conflict.summary', { shown: shown.length, total: answer.features.length, pairs: s.pairs_examined,
      subject: subject?.kind === 'compound' ? subject.code : t('conflict.designSubject') }));
    $('#conflict-notes').innerHTML = answerNotes(answer);
    $('#conflict-list').innerHTML = shown.map((f) => `<li class="finding finding-${f.properties.status}">${escapeHtml(findingText(f.properties))}</li>`).join('');
  }

  function drawFinding(feature) {
    const p = feature.properties;
    const label = t('conflict.label', { required: metres(p.required_m), actual: metres(p.actual_m) });
    const options = { pane: 'conflictsPane', className: `conflict conflict-${p.status} conflict-${p.kind}` };
    let layer;
    if (feature.geometry.type === 'Point') {
      const [lng, lat] = feature.geometry.coordinates;
      layer = L.circleMarker([lat, lng], { ...options, radius: 8, color: statusColour(p.status), weight: 3, fillOpacity: 0.3 });
    } else {
      const latLngs = feature.geometry.coordinates.map(([lng, lat]) => [lat, lng]);
      layer = L.polyline(latLngs, { ...options, color: statusColour(p.status), weight: 4 });
    }
    layer.bindTooltip(label, { permanent: true, direction: 'top', className: `conflict-label conflict-label-${p.status}` });
    layer.bindPopup(`<strong>${escapeHtml(t(`finding.status.${p.status}`))}</strong><br>${escapeHtml(findingText(p))}<br>
      <small>${escapeHtml(citationText(p, 'clause'))}</small>`);
    layer.addTo(findingsLayer);
  }

  function findingText(p) {
    const pipe = (x) => `${t(`network.${x.network}`)} ${x.size ?? ''} ${x.source_id ?? x.start_no ?? ''}`.trim();
    const yields = p.yields ? t('conflict.yields', { pipe: pipe(p[p.yields]) }) : '';
    return `${t(`finding.kind.${p.kind}`)} · ${t(`finding.status.${p.status}`)} · ${pipe(p.a)} / ${pipe(p.b)} · `
      + `${t('conflict.label', { required: metres(p.required_m), actual: metres(p.actual_m) })} (${p.rule_id}${p.rule_confirmed ? '' : ', ' + t('conflict.unconfirmed')})${yields ? ' · ' + yields : ''}`;
  }

  function clear() {
    cancelDrawing(map);
    design = [];
    answer = null;
    designLayer.clearLayers();
    findingsLayer.clearLayers();
    $('#conflict-list').replaceChildren();
    $('#conflict-notes').replaceChildren();
    status('');
  }

  function failed(error) {
    status('');
    showFailure(NOTICE, 'conflict.failed', error);
  }

  function status(text) {
    $('#conflict-status').textContent = text;
  }

  return { clear };
}

function statusColour(status) {
  return { violation: '#c62828', needs_approval: '#ef6c00', rule_unconfirmed: '#6a1b9a', possible_conflict: '#f9a825' }[status] ?? '#c62828';
}
