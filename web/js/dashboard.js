// The city dashboard (/dashboard): totals from GET /api/dashboard, the compound table from /api/dashboard/compounds
// (sorted and paged by the server), its CSV and XLSX exports, and a small map of the compounds coloured by status.
import { t, language, translatePage, toggleLanguage, onLanguageChange } from './i18n.js';
import { loadSession, session, sessionExpired } from './session.js';
import { createAccount } from './account.js';
import { escapeHtml } from './html.js';
import { DASHBOARD } from './settings.js';
import { errorText } from './serverText.js';

const $ = (selector) => document.querySelector(selector);
const STATUSES = Object.keys(DASHBOARD.STATUS_COLOURS);
const COLUMNS = [
  { key: 'code' }, { key: 'name' }, { key: 'district' }, { key: 'renovation_status' },
  { key: 'renovation_year', num: true }, { key: 'households', num: true }, { key: 'site_area_m2', num: true },
  { key: 'pipe_length_m', num: true }, { key: 'stalls_added', num: true }, { key: 'completed_on' },
];
// What the charts by status, batch and district show: a value per group and (where it means something) its
// completed part, both from the API's breakdowns.
const MEASURES = {
  compounds: { value: 'compounds', part: 'completed' },
  households: { value: 'households', part: 'completed_households' },
  site_area_m2: { value: 'site_area_m2', part: 'completed_site_area_m2' },
  pipe_m: { value: 'pipe_planned_m', part: 'pipe_renovated_m', digits: 1 },
  stalls: { value: 'stalls_added' },
};

const state = { sort: 'code', order: 'asc', offset: 0, summary: null, table: null, compounds: [] };
let map;
let compoundLayer;

function filters() {
  const f = {};
  if ($('#filter-district').value) f.district = $('#filter-district').value;
  if ($('#filter-year').value) f.renovation_year = $('#filter-year').value;
  if ($('#filter-status').value) f.renovation_status = $('#filter-status').value;
  return f;
}

function query(params) {
  const q = new URLSearchParams(params).toString();
  return q ? `?${q}` : '';
}

async function getJson(path) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' } });
  } catch (error) {
    throw new Error(t('dashboard.unreachable'));
  }
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) sessionExpired();
  if (!response.ok) {
    const description = errorText({ status: response.status, code: body.code, serverDescription: body.description, body });
    throw new Error(t('error.server', { status: response.status, description }));
  }
  return body;
}

function showError(error) {
  const message = $('#dash-message');
  message.hidden = !error;
  message.textContent = error ? error.message : '';
}

function number(value, digits = 0) {
  if (value === null || value === undefined) return '';
  return Number(value).toLocaleString(language(), { maximumFractionDigits: digits });
}

function statusLabel(code) {
  return code ? t(`renovation_status.${code}`) : t('dashboard.none');
}

// ---- totals -------------------------------------------------------------------------------------------------

function totalCard(key, value, unitKey, detail = '') {
  return `<div class="total" data-total="${key}" data-value="${value}">
    <div class="label">${escapeHtml(t(`dashboard.total.${key}`))}</div>
    <div><span class="value">${escapeHtml(number(value, 1))}</span>${unitKey ? `<span class="unit">${escapeHtml(t(unitKey))}</span>` : ''}</div>
    <div class="detail">${escapeHtml(detail)}</div></div>`;
}

function renderTotals() {
  const s = state.summary;
  if (!s) return;
  const p = s.pipes;
  $('#totals').innerHTML = [
    totalCard('compounds', s.compounds, 'dashboard.unit.compounds'),
    totalCard('households', s.households, 'dashboard.unit.households'),
    totalCard('site_area_m2', s.site_area_m2, 'dashboard.unit.m2'),
    totalCard('completed', s.completed, 'dashboard.unit.compounds'),
    totalCard('renovated_pipe_m', p.renovated_m.total, 'dashboard.unit.m',
      p.planned_m.total ? t('dashboard.renovatedShare', { share: number((100 * p.renovated_m.total) / p.planned_m.total, 1) }) : ''),
    totalCard('planned_pipe_m', p.planned_m.total, 'dashboard.unit.m',
      t('dashboard.registerPipes', { planned: number(p.register.planned_m, 1), done: number(p.register.done_m, 1) })),
    totalCard('surveyed_pipe_m', p.surveyed_m.total, 'dashboard.unit.m',
      t('dashboard.pipeDetail', { ys: number(p.surveyed_m.YS, 1), ws: number(p.surveyed_m.WS, 1), hs: number(p.surveyed_m.HS, 1) })),
    totalCard('stalls_added', s.stalls_added.done, 'dashboard.unit.stalls',
      t('dashboard.planned', { planned: number(s.stalls_added.planned) })),
  ].join('');
}

// ---- charts (CSS bars) --------------------------------------------------------------------------------------

function bars(rows, digits = 0) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return rows.map((r) => `<div class="bar-row"><span>${escapeHtml(r.label)}</span>
    <span class="bar-track"><span class="bar" style="width:${(100 * r.value) / max}%"></span>${r.part !== undefined
      ? `<span class="bar part" style="width:${(100 * r.part) / max}%"></span>` : ''}</span>
    <span class="bar-value">${escapeHtml(r.part !== undefined ? `${number(r.part, digits)} / ${number(r.value, digits)}`
    : number(r.value, digits))}</span></div>`).join('')
    || `<p class="muted">${escapeHtml(t('dashboard.noData'))}</p>`;
}

function measureBars(groups, label, withPart = true) {
  const m = MEASURES[$('#chart-measure').value] ?? MEASURES.compounds;
  return bars(groups.map((g) => ({
    label: label(g), value: Number(g[m.value]), part: withPart && m.part ? Number(g[m.part]) : undefined })), m.digits);
}

/** Per year: compounds completed to date against all compounds shown, and that year's starts, completions, acceptances. */
function progressRows(s) {
  if (!s.progress.by_year.length) return `<p class="muted">${escapeHtml(t('dashboard.noData'))}</p>`;
  const all = Math.max(1, s.compounds);
  return s.progress.by_year.map((r) => `<div class="bar-row" data-year="${r.year}"><span>${r.year}</span>
    <span class="bar-track"><span class="bar part" style="width:${(100 * r.completed_to_date) / all}%"></span></span>
    <span class="bar-value">${escapeHtml(`${number(r.completed_to_date)} / ${number(s.compounds)}`)}</span>
    <span class="progress-events muted">${escapeHtml(t('dashboard.progressEvents',
    { started: number(r.started), completed: number(r.completed), accepted: number(r.accepted) }))}</span></div>`).join('');
}

function fillMeasures() {
  const select = $('#chart-measure');
  const chosen = select.value || 'compounds';
  select.innerHTML = Object.keys(MEASURES)
    .map((k) => `<option value="${k}">${escapeHtml(t(`dashboard.measure.${k}`))}</option>`).join('');
  select.value = chosen;
}

function renderCharts() {
  const s = state.summary;
  if (!s) return;
  const measure = t(`dashboard.measure.${$('#chart-measure').value}`);
  ['status', 'year', 'district'].forEach((c) => { $(`#title-${c}`).textContent = t(`dashboard.chart.${c}`, { measure }); });
  // a status is done or not: its completed part would say nothing
  $('#chart-status').innerHTML = measureBars(s.by_renovation_status
    .slice().sort((a, b) => STATUSES.indexOf(a.renovation_status) - STATUSES.indexOf(b.renovation_status)),
  (g) => statusLabel(g.renovation_status), false);
  $('#chart-year').innerHTML = measureBars(s.by_renovation_year, (g) => g.renovation_year ?? t('dashboard.none'));
  $('#chart-district').innerHTML = measureBars(s.by_district, (g) => g.district ?? t('dashboard.none'));
  $('#chart-progress').innerHTML = progressRows(s);
  $('#progress-note').textContent = t('dashboard.progressNote', { undated: s.progress.completed_undated });
}

// ---- filters ------------------------------------------------------------------------------------------------

function fillSelect(select, values, label) {
  const chosen = select.value;
  select.innerHTML = `<option value="">${escapeHtml(t('dashboard.filter.all'))}</option>`
    + values.map((v) => `<option value="${escapeHtml(String(v))}">${escapeHtml(label(v))}</option>`).join('');
  select.value = values.map(String).includes(chosen) ? chosen : '';
}

function fillFilters(all) {
  fillSelect($('#filter-district'), all.by_district.map((r) => r.district).filter((d) => d !== null), (d) => d);
  fillSelect($('#filter-year'), all.by_renovation_year.map((r) => r.renovation_year).filter((y) => y !== null), String);
  fillSelect($('#filter-status'), STATUSES, statusLabel);
}

// ---- table --------------------------------------------------------------------------------------------------

function renderTableHead() {
  $('#compound-table thead tr').innerHTML = COLUMNS.map((c) => {
    const sorted = state.sort === c.key ? ` aria-sort="${state.order === 'asc' ? 'ascending' : 'descending'}"` : '';
    return `<th data-sort="${c.key}"${c.num ? ' class="num"' : ''}${sorted}>${escapeHtml(t(`dashboard.column.${c.key}`))}</th>`;
  }).join('');
}

function cell(row, column) {
  const v = row[column.key];
  if (column.key === 'renovation_status') return escapeHtml(statusLabel(v));
  if (column.key === 'code') return `<a href="/#compound=${encodeURIComponent(v)}">${escapeHtml(v)}</a>`;
  if (column.key === 'renovation_year') return v ?? '';
  return escapeHtml(column.num ? number(v, 1) : (v ?? ''));
}

function renderTable() {
  renderTableHead();
  const page = state.table;
  if (!page) return;
  $('#compound-table tbody').innerHTML = page.items.map((row) => `<tr data-code="${escapeHtml(row.code)}">${COLUMNS
    .map((c) => `<td${c.num ? ' class="num"' : ''}>${cell(row, c)}</td>`).join('')}</tr>`).join('');
  const last = Math.min(page.offset + page.numberReturned, page.numberMatched);
  $('#page-info').textContent = t('dashboard.table.page', { from: page.numberMatched ? page.offset + 1 : 0, to: last, total: page.numberMatched });
  $('#page-prev').disabled = page.offset === 0;
  $('#page-next').disabled = last >= page.numberMatched;
}

/** The export with the page's filters, sort and language: 'csv' or 'xlsx'. */
function exportHref(format) {
  return `/api/dashboard/compounds.${format}${query({ ...filters(), sort: state.sort, order: state.order, lang: language() })}`;
}

function updateExportLinks() {
  $('#csv-link').href = exportHref('csv');
  $('#xlsx-link').href = exportHref('xlsx');
}

// ---- map ----------------------------------------------------------------------------------------------------

async function loadCompounds() {
  const features = [];
  let path = `/collections/compounds/items?limit=${DASHBOARD.MAP_PAGE_SIZE}`;
  for (let page = 0; path && page < DASHBOARD.MAP_MAX_PAGES; page += 1) {
    const body = await getJson(path);
    features.push(...body.features);
    const next = (body.links ?? []).find((l) => l.rel === 'next');
    path = next ? new URL(next.href, window.location.href).pathname + new URL(next.href, window.location.href).search : null;
  }
  return features;
}

function colour(status) {
  return DASHBOARD.STATUS_COLOURS[status] ?? DASHBOARD.UNKNOWN_COLOUR;
}

function renderMap() {
  if (!map) {
    map = L.map('dash-map', { attributionControl: false });
    compoundLayer = L.geoJSON(null).addTo(map);
  }
  const f = filters();
  const shown = state.compounds.filter((c) => c.geometry
    && (!f.district || c.properties.district === f.district)
    && (!f.renovation_year || String(c.properties.renovation_year) === f.renovation_year)
    && (!f.renovation_status || c.properties.renovation_status === f.renovation_status));
  compoundLayer.clearLayers();
  compoundLayer.options.style = (feature) => {
    const c = colour(feature.properties.renovation_status);
    return { color: c, fillColor: c, fillOpacity: 0.6, weight: 2 };
  };
  compoundLayer.options.onEachFeature = (feature, layer) => {
    const p = feature.properties;
    layer.bindTooltip(`${escapeHtml(p.name ?? '')} (${escapeHtml(p.code ?? '')}) · ${escapeHtml(statusLabel(p.renovation_status))}`);
  };
  compoundLayer.addData(shown);
  const bounds = compoundLayer.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 });
  else map.setView([32.09, 118.27], 12);
  $('#dash-map').dataset.shown = String(shown.length);
  // compounds registered before their first survey have no boundary yet: say so rather than let them vanish
  const unmapped = state.summary ? Math.max(0, state.summary.compounds - shown.length) : 0;
  $('#map-note').hidden = unmapped === 0;
  $('#map-note').textContent = unmapped ? t('dashboard.map.noBoundary', { count: number(unmapped) }) : '';
  $('#map-legend').innerHTML = STATUSES.map((s) => `<span><span class="swatch" style="background:${colour(s)}"></span>${escapeHtml(statusLabel(s))}</span>`).join('');
}

// ---- loading ------------------------------------------------------------------------------------------------

async function loadTable() {
  state.table = await getJson(`/api/dashboard/compounds${query({ ...filters(), sort: state.sort, order: state.order,
    limit: DASHBOARD.PAGE_ROWS, offset: state.offset })}`);
  renderTable();
  updateExportLinks();
}

async function refresh() {
  showError(null);
  document.documentElement.dataset.ready = 'false';
  try {
    state.offset = 0;
    state.summary = (await getJson(`/api/dashboard${query(filters())}`)).totals;
    renderTotals();
    renderCharts();
    await loadTable();
    renderMap();
  } catch (error) {
    showError(error);
  } finally {
    // the browser tests wait for this, as on the map page
    document.documentElement.dataset.ready = 'true';
  }
}

/** Runs a table reload, marking the page busy meanwhile (data-table-ready) so tests and screenshots can wait. */
function tableAction(action) {
  document.documentElement.dataset.tableReady = 'false';
  action().catch(showError).finally(() => { document.documentElement.dataset.tableReady = 'true'; });
}

function renderAll() {
  document.title = t('dashboard.title');
  fillMeasures();
  renderTotals();
  renderCharts();
  renderTable();
  updateExportLinks();
  if (state.summaryAll) fillFilters(state.summaryAll);
  if (map) renderMap();
}

async function start() {
  translatePage();
  fillMeasures();
  document.title = t('dashboard.title');
  $('#lang-toggle').addEventListener('click', toggleLanguage);
  onLanguageChange(renderAll);
  const account = createAccount($('#account'));
  await loadSession().catch(() => {});
  if (!session().signed_in && !session().anonymous_read) await account.requireSignIn();
  ['#filter-district', '#filter-year', '#filter-status'].forEach((s) => $(s).addEventListener('change', refresh));
  $('#chart-measure').addEventListener('change', renderCharts);
  $('#compound-table thead').addEventListener('click', (event) => {
    const th = event.target.closest('th[data-sort]');
    if (!th) return;
    state.order = state.sort === th.dataset.sort && state.order === 'asc' ? 'desc' : 'asc';
    state.sort = th.dataset.sort;
    state.offset = 0;
    tableAction(loadTable);
  });
  $('#page-prev').addEventListener('click', () => {
    state.offset = Math.max(0, state.offset - DASHBOARD.PAGE_ROWS);
    tableAction(loadTable);
  });
  $('#page-next').addEventListener('click', () => {
    state.offset += DASHBOARD.PAGE_ROWS;
    tableAction(loadTable);
  });
  try {
    state.summaryAll = (await getJson('/api/dashboard')).totals;
    fillFilters(state.summaryAll);
    state.compounds = await loadCompounds();
  } catch (error) {
    showError(error);
  }
  await refresh();
}

start();
