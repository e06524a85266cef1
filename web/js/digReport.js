// The printable dig report (/dig-report.html#{request}): asks the dig check again for the area in the
// address (so the report shows the data as it is now), then shows title, date, validity, area, a map and the
// table; the browser prints it to PDF, and the same answer downloads as GeoJSON.
import { nearestOnSegment } from './planar.js';
import { t, translatePage, toggleLanguage, onLanguageChange } from './i18n.js';
import { getJson, postJson } from './api.js';
import { loadSession } from './session.js';
import { rgbCss } from './styles.js';
import { metres, escapeHtml } from './checks/drawing.js';
import { itemLabel, depthRange, pointDepth } from './checks/digTool.js';
import { answerNotes } from './checks/answerNotes.js';

const $ = (selector) => document.querySelector(selector);
/** The box an item's number takes on the report map (px): numbers closer than that are stacked. */
const LABEL_BOX_PX = Object.freeze({ width: 34, height: 30 });
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
  owners(answer.owners ?? []);
  legend(answer, new Map(networks.map((n) => [n.code, n])));
  status('');
}

/** Whom to call before digging: each owner of the items, with the contacts the register has (owners/OwnersApi). */
function owners(list) {
  $('#report-owners').hidden = list.length === 0;
  $('#report-owner-list').innerHTML = list.map((o) => {
    const contact = [o.phone && t('digReport.phone', { phone: o.phone }), o.emergency_phone && t('digReport.emergency', { phone: o.emergency_phone }),
      o.address && t('digReport.address', { address: o.address })].filter(Boolean);
    return `<li>${escapeHtml(t('digReport.ownerLine', { name: o.name, n: o.items,
      contact: contact.length ? contact.join(t('list.clauses')) : t('digReport.noContact') }))}</li>`;
  }).join('');
}

function table(answer) {
  const rows = answer.features.map((f) => {
    const p = f.properties;
    return `<tr class="${p.will_be_exposed ? 'exposed' : ''}"><td>${p.order}</td><td>${escapeHtml(t(`network.${p.network}`))}</td>
      <td>${escapeHtml(itemLabel(p))}</td><td>${escapeHtml(p.kind === 'pipe_point' ? '—' : (p.size ?? '—'))}</td>
      <td>${escapeHtml(p.material ?? '')}</td><td>${escapeHtml(p.owner ?? '')}</td><td>${p.kind === 'pipe_point' ? pointDepth(p) : depthRange(p)}</td>
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
  const centre = area.getBounds().getCenter();
  L.geoJSON(answer.features, {
    style: (f) => ({ color: rgbCss(byCode.get(f.properties.network)?.rgb ?? [0, 0, 0]), weight: f.properties.will_be_exposed ? 5 : 3 }),
    pointToLayer: (f, latLng) => L.circleMarker(latLng, { radius: 5, color: '#212121', weight: 1, fillColor: rgbCss(byCode.get(f.properties.network)?.rgb ?? [0, 0, 0]), fillOpacity: 1 })
  }).addTo(map);
  // Every item's number where the map shows it: on a line, at its point nearest the area's centre (a pipe's own
  // middle often lies beyond the map's edge), on a point, at the point.
  map.fitBounds(area.getBounds().pad(0.15));
  // numbers that would cover one another on the map (a manhole and the pipes it joins, pipes side by side) stand
  // one under the other, placed in screen pixels once the map has its scale
  const placed = [];
  answer.features.forEach((f) => {
    const at = labelPlace(f.geometry, centre);
    const point = map.latLngToContainerPoint(at);
    let down = 0;
    while (placed.some((p) => Math.abs(p.x - point.x) < LABEL_BOX_PX.width && Math.abs(p.y - (point.y + down)) < LABEL_BOX_PX.height)) {
      down += LABEL_BOX_PX.height;
    }
    placed.push(L.point(point.x, point.y + down));
    L.tooltip({ permanent: true, direction: 'center', className: 'report-order', offset: [0, down] })
      .setLatLng(at).setContent(String(f.properties.order)).addTo(map);
  });
  L.control.scale({ metric: true, imperial: false }).addTo(map);
  const north = L.control({ position: 'topright' });
  north.onAdd = () => Object.assign(L.DomUtil.create('div', 'report-north'), { textContent: t('digReport.north') });
  north.addTo(map);
}

/** The point of a (multi)line nearest to centre (in degrees: the report's area is at most 500 m across). */
function labelPlace(geometry, centre) {
  if (geometry.type === 'Point') return L.latLng(geometry.coordinates[1], geometry.coordinates[0]);
  const lines = geometry.type === 'MultiLineString' ? geometry.coordinates : [geometry.coordinates];
  let best = null;
  for (const line of lines) {
    for (let i = 1; i < line.length; i++) {
      const { x, y, distance } = nearestOnSegment(centre.lng, centre.lat, line[i - 1], line[i]);
      if (!best || distance < best.d) best = { d: distance, at: L.latLng(y, x) };
    }
  }
  return best ? best.at : centre;
}

/** The networks of the report with their CJJ 61 colours, and what a thick line means. */
function legend(answer, byCode) {
  const box = $('#report-legend');
  if (!box) return;
  const entries = (answer.summary.networks ?? []).map((code) => {
    const swatch = `<span class="report-swatch" style="background:${rgbCss(byCode.get(code)?.rgb ?? [0, 0, 0])}"></span>`;
    return `<span class="report-legend-entry">${swatch}${escapeHtml(t(`network.${code}`))}</span>`;
  });
  box.innerHTML = `<strong>${escapeHtml(t('digReport.legend'))}</strong> ${entries.join(' ')} <span class="muted">${escapeHtml(t('digReport.legendNote'))}</span>`;
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
