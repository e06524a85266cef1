// "Report an obstruction": tap the button, tap the map where the obstruction is, pick its kind, add a
// note and (on a phone) a photo from the camera, send. The report goes to POST /api/obstacles as
// multipart/form-data (the photo as a file); the map then shows the obstacle and checks the lanes again.
import { nearestOnSegment } from './planar.js';
import { t, onLanguageChange } from './i18n.js';
import { send, getItems, ServerError } from './api.js';
import { showNotice, clearNotice } from './notices.js';
import { REPORT } from './settings.js';
import { LONLAT, defineWorkingCrs } from './coordinates.js';
import { keepAboveSheet } from './layout.js';

const KINDS = ['vehicle', 'illegal_structure', 'clutter', 'tree', 'bollard', 'other'];

/** How far around the tapped point fire lanes are looked for (m, as degrees of latitude): a lane is 4–7 m wide. */
const LANE_SEARCH_M = 30;
const METRES_PER_DEGREE = 111320;

export function createReportAction(map, { button, sheet, workingCrs, onStart = () => {}, onReported }) {
  const crs = defineWorkingCrs(workingCrs);
  const form = sheet.querySelector('form');
  const kind = form.querySelector('#report-kind');
  const where = form.querySelector('#report-where');
  const error = form.querySelector('#report-error');
  const submit = form.querySelector('#report-submit');
  let placing = false;
  let location = null;
  let marker = null;
  let context = null; // {compound, lane, distance}: what the form reports on (issue 14 point 6)
  const onPick = (event) => place(event.latlng);

  fillKinds();
  onLanguageChange(() => { fillKinds(); renderButton(); renderWhere(); });
  button.addEventListener('click', () => (placing || location ? reset() : startPlacing()));
  form.querySelector('#report-cancel').addEventListener('click', reset);
  form.addEventListener('submit', (event) => { event.preventDefault(); sendReport(); });

  function fillKinds() {
    const selected = kind.value;
    kind.replaceChildren(...KINDS.map((k) => new Option(t(`obstacle.${k}`), k)));
    if (selected) kind.value = selected;
  }

  function renderButton() {
    button.textContent = t(placing || location ? 'report.cancel' : 'report.button');
    button.classList.toggle('active', placing || location !== null);
  }

  function renderWhere() {
    if (!location) return;
    const parts = [t('report.where', { lat: location.lat.toFixed(6), lng: location.lng.toFixed(6) })];
    if (context?.compound) parts.push(t('report.inCompound', { code: context.compound.code, name: context.compound.name ?? '' }));
    if (context?.lane) parts.push(t('report.onLane', { lane: context.lane, distance: context.distance.toFixed(1) }));
    if (context && !context.lane) parts.push(t('report.noLane', { m: LANE_SEARCH_M }));
    where.textContent = parts.join(' · ');
  }

  /** The compound the point lies in and the nearest fire lane, so that the reporter sees what the report is on. */
  async function lookUpContext(latlng) {
    const dLat = LANE_SEARCH_M / METRES_PER_DEGREE;
    const dLng = dLat / Math.cos((latlng.lat * Math.PI) / 180);
    const around = [latlng.lng - dLng, latlng.lat - dLat, latlng.lng + dLng, latlng.lat + dLat].map((v) => v.toFixed(7)).join(',');
    const [compounds, lanes] = await Promise.all([
      getItems('compounds', { bbox: around, limit: 10 }, { labelKey: 'report.title' }),
      getItems('fire-lanes', { bbox: around, limit: 50 }, { labelKey: 'report.title' })
    ]);
    const compound = compounds.features.find((f) => contains(f.geometry, [latlng.lng, latlng.lat]));
    let best = null;
    for (const lane of lanes.features) {
      const d = distanceToLine(latlng, lane.geometry);
      if (d <= LANE_SEARCH_M && (!best || d < best.d)) best = { d, lane };
    }
    return {
      compound: compound ? { code: compound.properties.compound, name: compound.properties.name } : null,
      lane: best ? (best.lane.properties.name || best.lane.properties.source_id) : null,
      distance: best?.d ?? null
    };
  }

  /** Metres from the point to the nearest segment of a (multi)line, in the working CRS. */
  function distanceToLine(latlng, geometry) {
    const [px, py] = proj4(LONLAT, crs, [latlng.lng, latlng.lat]);
    const lines = geometry.type === 'MultiLineString' ? geometry.coordinates : [geometry.coordinates];
    let min = Infinity;
    for (const line of lines) {
      const xy = line.map((c) => proj4(LONLAT, crs, c));
      for (let i = 1; i < xy.length; i++) min = Math.min(min, nearestOnSegment(px, py, xy[i - 1], xy[i]).distance);
    }
    return min;
  }

  function startPlacing() {
    onStart(); // e.g. the feature panel makes room: on a phone it covers the map's lower half
    placing = true;
    map.getContainer().classList.add('placing');
    showNotice('report', 'info', t('report.tapMap'));
    map.once('click', onPick);
    renderButton();
  }

  function place(latlng) {
    placing = false;
    map.getContainer().classList.remove('placing');
    clearNotice('report');
    location = latlng;
    marker = L.circleMarker(latlng, { radius: REPORT.MARKER_RADIUS_PX, color: '#d50000', weight: 3, fillOpacity: 0.2, className: 'report-location', interactive: false })
      .addTo(map);
    context = null;
    renderWhere();
    error.hidden = true;
    sheet.hidden = false;
    renderButton();
    kind.focus({ preventScroll: true });
    keepAboveSheet(map, latlng, sheet);
    lookUpContext(latlng).then((found) => {
      if (location !== latlng) return; // another point was tapped meanwhile
      context = found;
      renderWhere();
    }).catch(() => {}); // without it the form still reports the point
  }

  function reset() {
    if (placing) map.off('click', onPick);
    placing = false;
    location = null;
    marker?.remove();
    marker = null;
    map.getContainer().classList.remove('placing');
    clearNotice('report');
    form.reset();
    sheet.hidden = true;
    renderButton();
  }

  async function sendReport() {
    const data = new FormData();
    data.append('geometry', JSON.stringify({ type: 'Point', coordinates: [location.lng, location.lat] }));
    data.append('kind', kind.value);
    data.append('note', form.querySelector('#report-note').value);
    const photo = form.querySelector('#report-photo').files[0];
    if (photo) data.append('photo', photo, photo.name);
    submit.disabled = true;
    error.hidden = true;
    try {
      const stored = await send('POST', '/api/obstacles', data, { labelKey: 'report.title' });
      reset();
      showNotice('report-done', 'info', t('report.done', { id: stored.feature.id }), { autoHideMs: REPORT.DONE_NOTICE_MS });
      onReported(stored.feature);
    } catch (failure) {
      error.textContent = failure instanceof ServerError ? failure.description : t('connection.down');
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  }

  renderButton();
}

/** Whether a (multi)polygon in longitude/latitude holds the point (ray casting; a hole is outside). */
function contains(geometry, point) {
  const polygons = geometry.type === 'MultiPolygon' ? geometry.coordinates : geometry.type === 'Polygon' ? [geometry.coordinates] : [];
  return polygons.some(([outer, ...holes]) => inRing(outer, point) && !holes.some((hole) => inRing(hole, point)));
}

function inRing(ring, [x, y]) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
