// Drawing on the map with Leaflet-Geoman (vendored in /vendor/@geoman-io/leaflet-geoman-free): one shape at a
// time, handed back as a GeoJSON geometry in CRS84. Geoman is opted in per layer, so it never touches the data
// layers of the map, and snapping is off: what is drawn is where the user clicked. While drawing, the data
// layers let clicks through to the map (css: #map.drawing), so a click on a compound or a pipe places a vertex.
let active = null;

export function initDrawing(map) {
  L.PM.setOptIn(true);
  map.on('pm:drawend', () => map.getContainer().classList.remove('drawing'));
}

/** Starts drawing shape ('Rectangle' | 'Polygon' | 'Line'); onDone(geometry) once it is finished. */
export function draw(map, shape, onDone) {
  cancelDrawing(map);
  const handler = (event) => {
    map.off('pm:create', handler);
    active = null;
    const geometry = event.layer.toGeoJSON().geometry;
    map.removeLayer(event.layer);
    onDone(geometry);
  };
  active = handler;
  map.on('pm:create', handler);
  map.getContainer().classList.add('drawing');
  map.pm.enableDraw(shape, { snappable: false, continueDrawing: false });
}

export function cancelDrawing(map) {
  if (active) {
    map.off('pm:create', active);
    active = null;
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
