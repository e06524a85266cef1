// The printable dig report (/dig-report.html#{request}): asks the dig check again for the area in the
// address (so the report shows the data as it is now), then shows title, date, validity, area, a map and the
// table; the browser prints it to PDF, and the same answer downloads as GeoJSON.
import { t, translatePage, toggleLanguage, onLanguageChange } from './i18n.js';
import { getJson, postJson } from './api.js';
import { loadSession } from './session.js';
import { rgbCss } from './styles.js';
import { metres, escapeHtml } from './checks/drawing.js';
import { itemName, depthRange } from './checks/digTool.js';
import { answerNotes } from './checks/answerNotes.js';

const $ = (selector) => document.querySelector(selector);
const NO_PROGRESS = 'digReport.loading';

function requestInAddress() {
  try {
    return JSON.parse(decodeURIComponent(window.location.hash.slice(1)));
  } catch {
    return null;
  }
}

function status(text) {
  $('#report-status').textContent = text;
}

function formatDate(iso) {
  return new Date(iso).toLocaleString(document.documentElement.lang, { dateStyle: 'long', timeStyle: 'short' });
}

function render(answer, networks) {
  const area = answer.area;
  $('#report-created').textContent = formatDate(answer.created);
  $('#report-valid').textContent = `${formatDate(answer.valid_until)} — ${t('digReport.validity', { days: answer.valid_days })}`;
  $('#report-area').textContent = area.kind === 'trench'
    ? t('digReport.kind.trench', { width: metres(area.trench_width_m), area: metres(area.area_m2), extentW: metres(area.extent_m[0]), extentH: metres(area.extent_m[1]) })
    : t('digReport.kind.pit', { area: metres(area.area_m2), width: metres(area.extent_m[0]), height: metres(area.extent_m[1]) });
  $('#report-depth').textContent = answer.dig_depth_m === null ? t('digReport.noDepth') : `${metres(answer.dig_depth_m)} m`;
  $('#report-facts').hidden = false;
  const s = answer.summary;
  $('#report-count').textContent = t('digReport.count', { pipes: s.pipes, points: s.pipe_points, exposed: s.will_be_exposed });
  $('#report-warnings').innerHTML = answerNotes(answer);
  $('#report-table').innerHTML = table(answer);
  status('');
}

function table(answer) {
  const rows = answer.features.map((f) => {
    const p = f.properties;
    return `<tr class="${p.will_be_exposed ? 'exposed' : ''}"><td>${p.order}</td><td>${escapeHtml(t(`network.${p.network}`))}</td>
      <td>${escapeHtml(itemName(p))}</td><td>${escapeHtml(p.size ?? (p.appurtenance || p.feature || ''))}</td>
      <td>${escapeHtml(p.material ?? '')}</td><td>${escapeHtml(p.owner ?? '')}</td><td>${depthRange(p)}</td>
      <td>${escapeHtml(p.exposure ? t(`exposure.${p.exposure}`) : '—')}</td><td>${escapeHtml(p.surveyed_on ?? '')}</td>
      <td>${escapeHtml(p.accuracy_class ? t(`accuracy_class.${p.accuracy_class}`) : '')}</td></tr>`;
  }).join('');
  return `<table class="report-table"><thead><tr><th>#</th><th>${t('field.network')}</th><th>${t('dig.item')}</th>
    <th>${t('field.size')}</th><th>${t('digReport.material')}</th><th>${t('digReport.owner')}</th><th>${t('dig.depthRange')}</th>
    <th>${t('dig.exposure')}</th><th>${t('digReport.surveyed')}</th><th>${t('digReport.accuracy')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function drawMap(answer, networks) {
  const map = L.map('report-map', { zoomControl: false, attributionControl: false, dragging: false, scrollWheelZoom: false,
    doubleClickZoom: false, boxZoom: false, keyboard: false, touchZoom: false, zoomSnap: 0.25, maxZoom: 22 });
  const byCode = new Map(networks.map((n) => [n.code, n]));
  const area = L.geoJSON(answer.area.geometry, { style: { color: '#1565c0', weight: 2, dashArray: '6 4', fillOpacity: 0.08 } }).addTo(map);
  L.geoJSON(answer.features, {
    style: (f) => ({ color: rgbCss(byCode.get(f.properties.network)?.rgb ?? [0, 0, 0]), weight: f.properties.will_be_exposed ? 5 : 3 }),
    pointToLayer: (f, latLng) => L.circleMarker(latLng, { radius: 5, color: '#212121', weight: 1, fillColor: rgbCss(byCode.get(f.properties.network)?.rgb ?? [0, 0, 0]), fillOpacity: 1 }),
    onEachFeature: (f, layer) => layer.bindTooltip(String(f.properties.order), { permanent: true, direction: 'center', className: 'report-order' })
  }).addTo(map);
  map.fitBounds(area.getBounds().pad(0.15));
  L.control.scale({ metric: true, imperial: false }).addTo(map);
}

async function start() {
  translatePage();
  $('#lang-toggle').addEventListener('click', toggleLanguage);
  $('#report-print').addEventListener('click', () => window.print());
  const request = requestInAddress();
  if (!request?.geometry) {
    status(t('digReport.missing'));
    return;
  }
  status(t('digReport.loading'));
  try {
    await loadSession(); // the check is a POST: it carries the session's CSRF token
    const [networks, answer] = await Promise.all([
      getJson('/data/networks.json', { labelKey: NO_PROGRESS }),
      postJson('/api/checks/dig', { type: 'Feature', geometry: request.geometry, properties: { depth_m: request.depth_m, width_m: request.width_m } }, { labelKey: NO_PROGRESS })
    ]);
    render(answer, networks.networks);
    drawMap(answer, networks.networks);
    onLanguageChange(() => render(answer, networks.networks));
    const download = $('#report-download');
    download.href = URL.createObjectURL(new Blob([JSON.stringify(answer, null, 1)], { type: 'application/geo+json' }));
    download.hidden = false;
    document.documentElement.dataset.ready = 'true';
  } catch (error) {
    status(t('digReport.failed', { message: error.description ?? error.message }));
  }
}

start();
