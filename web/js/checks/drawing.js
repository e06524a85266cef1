// Drawing on the map with Leaflet-Geoman (vendored in /vendor/@geoman-io/leaflet-geoman-free): one shape at a
// time, handed back as a GeoJSON geometry in CRS84. Geoman is opted in per layer, so it never touches the data
// layers of the map, and snapping is off: what is drawn is where the user clicked. While drawing, the data
// layers let clicks through to the map (css: #map.drawing), so a click on a compound or a pipe places a vertex.
// Escape cancels the drawing, Backspace takes its last point back (as in QGIS and CAD). Geoman's own tips follow
// the page's language.
import { language, onLanguageChange } from '../i18n.js';

/** Geoman's language code for each of ours. */
const GEOMAN_LANGUAGES = { 'zh-CN': 'zh', en: 'en' };
let active = null;
let onCancel = null;

export function initDrawing(map) {
  L.PM.setOptIn(true);
  map.pm.setLang(GEOMAN_LANGUAGES[language()] ?? 'en');
  onLanguageChange((lang) => map.pm.setLang(GEOMAN_LANGUAGES[lang] ?? 'en'));
  map.on('pm:drawend', () => map.getContainer().classList.remove('drawing'));
  document.addEventListener('keydown', (event) => {
    if (!active || event.target.closest?.('input, textarea, select')) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      const cancelled = onCancel;
      cancelDrawing(map);
      cancelled?.();
    } else if (event.key === 'Backspace') {
      event.preventDefault();
      undoLastPoint(map);
    }
  });
}

/** Whether a shape is being drawn. */
export function isDrawing() {
  return active !== null;
}

/** Takes the last placed point of the polygon or line being drawn back (a rectangle has none to take). */
export function undoLastPoint(map) {
  const shape = map.pm.Draw.getActiveShape?.();
  const handler = shape ? map.pm.Draw[shape] : null;
  if (handler?._layer?.getLatLngs?.().length) handler._removeLastVertex();
}

/**
 * Starts drawing shape ('Rectangle' | 'Polygon' | 'Line'); onDone(geometry) once it is finished, cancelled()
 * when Escape (or another tool) ends it first.
 */
export function draw(map, shape, onDone, cancelled = null) {
  cancelDrawing(map);
  const handler = (event) => {
    map.off('pm:create', handler);
    active = null;
    onCancel = null;
    const geometry = event.layer.toGeoJSON().geometry;
    map.removeLayer(event.layer);
    onDone(geometry);
  };
  active = handler;
  onCancel = cancelled;
  map.on('pm:create', handler);
  map.getContainer().classList.add('drawing');
  map.pm.enableDraw(shape, { snappable: false, continueDrawing: false });
}

export function cancelDrawing(map) {
  if (active) {
    map.off('pm:create', active);
    active = null;
    onCancel = null;
  }
  map.pm.disableDraw();
  map.getContainer().classList.remove('drawing');
}

/** Metres written as the labels write them: up to two decimals, at least one (1.2, 0.35, 2.0). */
export function metres(value) {
  return Number(value).toFixed(2).replace(/0$/, '');
}

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
