// Fire inspection (issue 14 point 3): the open compound's obstructions and short stretches of its fire lanes, with
// what causes each, as a list a fire-safety officer works through: a row brings the map to the stretch, a cause opens
// its feature (an obstacle's panel has its photo and the resolve action), the list prints as an inspection sheet and
// exports as CSV, and "fire view" shows only what matters for fire access. Data: GET /api/checks/fire-lanes.
import { t, onLanguageChange, translatePage } from './i18n.js';
import { getJson, ServerUnreachable } from './api.js';
import { errorDetail } from './notices.js';
import { causeText } from './checkPanels.js';
import { escapeHtml } from './checks/drawing.js';

/** The overlays the fire view keeps; every other one (pipes, pipe points) is switched off until it is left. */
const FIRE_VIEW = new Set(['compounds', 'buildings', 'fire-lanes', 'parking', 'obstacles']);
/** Collections of the features a stretch's causes name (checks' layer names → /collections ids). */
const CAUSE_COLLECTIONS = { obstacle: 'obstacles', parking: 'parking', building: 'buildings' };
const STRETCH_ZOOM = 20;

export function createFireInspection(element, { map, checks, layers, currentCompound, onOpenFeature }) {
  const highlight = L.layerGroup().addTo(map);
  let report = null;
  let rows = [];
  let compound = null;
  let savedVisibility = null;

  element.innerHTML = `
    <div class="check-row">
      <button type="button" id="fire-list" data-i18n="fire.list"></button>
      <button type="button" id="fire-view" data-i18n="fire.view"></button>
    </div>
    <p id="fire-status" class="muted" aria-live="polite"></p>
    <div id="fire-rows" class="table-scroll"></div>
    <div class="check-row" id="fire-actions" hidden>
      <a id="fire-sheet" target="_blank" rel="noopener" data-i18n="fire.sheet"></a>
      <a id="fire-csv" data-i18n="fire.csv"></a>
    </div>`;
  translatePage(element);
  const $ = (selector) => element.querySelector(selector);
  $('#fire-list').addEventListener('click', list);
  $('#fire-view').addEventListener('click', toggleFireView);
  $('#fire-rows').addEventListener('click', (event) => {
    const cause = event.target.closest('button[data-cause]');
    if (cause) {
      openCause(cause.dataset.layer, cause.dataset.id);
      return;
    }
    const row = event.target.closest('tr[data-row]');
    if (row) showRow(Number(row.dataset.row));
  });
  onLanguageChange(() => { if (compound) render(); });
  checks.onChange((code) => { if (code === compound) list(); });

  async function list() {
    compound = currentCompound();
    if (!compound) {
      status(t('fire.openCompound'));
      return;
    }
    status(t('fire.loading'));
    try {
      report = await checks.fireLanes(compound);
      render();
    } catch (error) {
      report = null;
      render();
      if (!(error instanceof ServerUnreachable)) status(errorDetail(error));
    }
  }

  /** The rows are worded here, from the report, so that a change of language words them again. */
  function render() {
    rows = report ? inspectionRows(report) : [];
    highlight.clearLayers();
    status(rows.length === 0 ? t('fire.noneFound', { compound }) : t('fire.found', { compound, n: rows.length }));
    $('#fire-rows').innerHTML = rows.length === 0 ? '' : table();
    $('#fire-actions').hidden = rows.length === 0;
    if (rows.length > 0) {
      $('#fire-csv').href = URL.createObjectURL(new Blob(['\uFEFF' + csv()], { type: 'text/csv;charset=utf-8' }));
      $('#fire-csv').download = `fire-inspection-${compound}.csv`;
      $('#fire-sheet').href = URL.createObjectURL(new Blob([sheet()], { type: 'text/html;charset=utf-8' }));
    }
  }

  function table() {
    const body = rows.map((r, i) => `<tr data-row="${i}" class="fire-${r.kind}"><td>${i + 1}</td><td>${escapeHtml(r.lane)}</td>
      <td>${escapeHtml(r.where)}</td><td>${escapeHtml(r.width)}</td>
      <td>${r.causes.map((c) => (CAUSE_COLLECTIONS[c.layer]
        ? `<button type="button" class="fire-cause" data-cause="1" data-layer="${escapeHtml(c.layer)}" data-id="${escapeHtml(String(c.id))}">${escapeHtml(causeText(c))}</button>`
        : escapeHtml(causeText(c)))).join(' ') || escapeHtml(r.finding)}</td></tr>`).join('');
    return `<table class="check-table fire-table"><thead><tr><th>#</th><th>${t('fire.col.lane')}</th><th>${t('fire.col.where')}</th>
      <th>${t('fire.col.width')}</th><th>${t('fire.col.cause')}</th></tr></thead><tbody>${body}</tbody></table>`;
  }

  /** One row per blocked stretch and per dead end without its turnaround. */
  function inspectionRows(report) {
    const out = [];
    for (const lane of report.lanes) {
      const name = lane.name || lane.source_id || `#${lane.id}`;
      for (const s of lane.blocked_stretches) {
        out.push({
          kind: 'stretch', lane: name, geometry: s.geometry, causes: s.causes, finding: '',
          where: t('fire.chainage', { from: s.from_m.toFixed(1), to: s.to_m.toFixed(1) }),
          width: t('fire.width', { width: s.min_clear_width_m.toFixed(2), required: lane.required_width_m })
        });
      }
      for (const d of lane.dead_ends.filter((e) => e.finding)) {
        out.push({
          kind: 'dead-end', lane: name, geometry: lane.geometry, causes: [],
          where: t('fire.deadEnd', { length: Math.round(d.length_m) }), width: '—',
          finding: t(`check.finding.${d.finding}`, { length: Math.round(d.length_m), side: d.turnaround_min_side_m })
        });
      }
    }
    return out;
  }

  function showRow(index) {
    element.querySelectorAll('#fire-rows tr.selected').forEach((tr) => tr.classList.remove('selected'));
    element.querySelector(`#fire-rows tr[data-row="${index}"]`)?.classList.add('selected');
    highlight.clearLayers();
    const row = rows[index];
    if (!row?.geometry) return;
    const shape = L.geoJSON(row.geometry, { interactive: false, style: { color: '#ffd600', weight: 14, opacity: 0.7, className: 'fire-selected' } })
      .addTo(highlight);
    map.fitBounds(shape.getBounds(), { maxZoom: STRETCH_ZOOM, padding: [60, 60] });
  }

  /** The cause's own feature: the map goes to it and the feature panel opens (an obstacle's photo and resolve action). */
  async function openCause(layer, id) {
    const collection = CAUSE_COLLECTIONS[layer];
    try {
      const feature = await getJson(`/collections/${collection}/items/${encodeURIComponent(id)}`, { labelKey: 'fire.title' });
      const shape = L.geoJSON(feature);
      map.fitBounds(shape.getBounds(), { maxZoom: STRETCH_ZOOM, padding: [60, 60] });
      onOpenFeature(collection, feature);
    } catch (error) {
      if (!(error instanceof ServerUnreachable)) status(errorDetail(error));
    }
  }

  /** Fire view: only compounds, buildings, lanes, parking and obstacles; pressed again, the layers as they were. */
  function toggleFireView() {
    if (savedVisibility) {
      savedVisibility.forEach((visible, id) => layers.setVisible(id, visible));
      savedVisibility = null;
    } else {
      savedVisibility = new Map(layers.overlays.map((o) => [o.id, o.visible]));
      layers.overlays.forEach((o) => { if (o.visible !== FIRE_VIEW.has(o.id)) layers.setVisible(o.id, FIRE_VIEW.has(o.id)); });
    }
    $('#fire-view').textContent = t(savedVisibility ? 'fire.viewOff' : 'fire.view');
    $('#fire-view').classList.toggle('active', savedVisibility !== null);
  }

  function csv() {
    const cell = (v) => {
      const s = String(v ?? '');
      const safe = /^[=+\-@]/.test(s) ? `'${s}` : s; // a spreadsheet must not read a cell as a formula
      return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    };
    const header = ['#', t('fire.col.lane'), t('fire.col.where'), t('fire.col.width'), t('fire.col.cause')];
    const lines = rows.map((r, i) => [i + 1, r.lane, r.where, r.width, r.causes.map(causeText).join('; ') || r.finding]);
    return [header, ...lines].map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
  }

  /** A printable inspection sheet: the list, with lines for the inspector's findings and signature. */
  function sheet() {
    const when = new Date().toISOString().slice(0, 10);
    const body = rows.map((r, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(r.lane)}</td><td>${escapeHtml(r.where)}</td>
      <td>${escapeHtml(r.width)}</td><td>${escapeHtml(r.causes.map(causeText).join('；') || r.finding)}</td><td></td></tr>`).join('');
    return `<!doctype html><html lang="${document.documentElement.lang}"><head><meta charset="utf-8">
      <title>${escapeHtml(t('fire.sheetTitle', { compound }))}</title>
      <style>body{font-family:"Noto Sans CJK SC",sans-serif;margin:2cm}table{border-collapse:collapse;width:100%}
      td,th{border:1px solid #555;padding:4px;font-size:11pt;text-align:left}td:last-child{width:22%}
      .sign{margin-top:2cm;display:flex;gap:4cm}</style></head><body>
      <h1>${escapeHtml(t('fire.sheetTitle', { compound }))}</h1>
      <p>${escapeHtml(t('fire.sheetMeta', { date: when, n: rows.length }))}</p>
      <table><thead><tr><th>#</th><th>${t('fire.col.lane')}</th><th>${t('fire.col.where')}</th><th>${t('fire.col.width')}</th>
      <th>${t('fire.col.cause')}</th><th>${t('fire.col.result')}</th></tr></thead><tbody>${body}</tbody></table>
      <div class="sign"><span>${t('fire.inspector')}</span><span>${t('fire.signedOn')}</span></div></body></html>`;
  }

  function status(text) {
    $('#fire-status').textContent = text;
  }

  return { list };
}
