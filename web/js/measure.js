// The measure tool (issue 14 point 7): a map button; then each click adds a point, the line shows its length so far
// and each leg, a double click or Escape ends it, the button again clears it. Lengths are measured in the working
// CRS (Gauss-Kruger, scale factor 1 on the central meridian: within a 3° zone the distortion stays under 0.03 %),
// the plane surveyors and designers measure in, not on a sphere as Leaflet's map.distance does.
import { t, onLanguageChange } from './i18n.js';
import { LONLAT, defineWorkingCrs } from './coordinates.js';

const STYLE = { color: '#d50000', weight: 3, dashArray: '6 4', interactive: false, className: 'measure-line' };

export function createMeasureTool(map, workingCrs) {
  const crs = defineWorkingCrs(workingCrs);
  const drawn = L.layerGroup().addTo(map);
  let points = [];
  let active = false;
  let button;

  const control = L.control({ position: 'topleft' });
  control.onAdd = () => {
    const bar = L.DomUtil.create('div', 'leaflet-bar measure-control');
    button = L.DomUtil.create('a', 'measure-button', bar);
    button.href = '#';
    button.setAttribute('role', 'button');
    L.DomEvent.disableClickPropagation(bar);
    L.DomEvent.on(button, 'click', (event) => {
      L.DomEvent.preventDefault(event);
      if (active || points.length > 0) stop(true); else start();
    });
    label();
    return bar;
  };
  control.addTo(map);
  onLanguageChange(() => { label(); render(); });

  function label() {
    button.textContent = t('measure.button');
    button.title = t(active || points.length > 0 ? 'measure.clear' : 'measure.start');
    button.setAttribute('aria-label', button.title);
  }

  function start() {
    active = true;
    points = [];
    map.getContainer().classList.add('measuring');
    map.doubleClickZoom.disable();
    map.on('click', add);
    map.on('dblclick', finish);
    document.addEventListener('keydown', onKey);
    label();
  }

  function add(event) {
    points.push(event.latlng);
    render();
  }

  function finish() {
    active = false;
    map.off('click', add);
    map.off('dblclick', finish);
    document.removeEventListener('keydown', onKey);
    map.getContainer().classList.remove('measuring');
    setTimeout(() => map.doubleClickZoom.enable(), 0); // after the double click that ended it
    label();
  }

  function stop(clear) {
    if (active) finish();
    if (clear) {
      points = [];
      drawn.clearLayers();
    }
    label();
  }

  function onKey(event) {
    if (event.key === 'Escape') finish();
  }

  /** Metres between two map points, in the working CRS. */
  function metres(a, b) {
    const [ea, na] = proj4(LONLAT, crs, [a.lng, a.lat]);
    const [eb, nb] = proj4(LONLAT, crs, [b.lng, b.lat]);
    return Math.hypot(eb - ea, nb - na);
  }

  function render() {
    drawn.clearLayers();
    if (points.length === 0) return;
    L.polyline(points, STYLE).addTo(drawn);
    let total = 0;
    points.forEach((p, i) => {
      L.circleMarker(p, { radius: 3, color: '#d50000', interactive: false, className: 'measure-point' }).addTo(drawn);
      if (i === 0) return;
      const leg = metres(points[i - 1], p);
      total += leg;
      L.tooltip({ permanent: true, direction: 'right', className: 'measure-label', interactive: false })
        .setLatLng(p).setContent(points.length > 2 ? t('measure.legAndTotal', { leg: leg.toFixed(2), total: total.toFixed(2) })
          : t('measure.total', { total: total.toFixed(2) }))
        .addTo(drawn);
    });
    map.getContainer().dataset.measuredM = total.toFixed(2);
  }

  return { start, stop };
}
