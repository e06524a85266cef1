// Drawing a set of features on top of the map in one colour (a finding, a traced path), in their own pane.
import { NETWORK_TOOLS } from './settings.js';

const PANE = 'highlightPane';

export function createHighlight(map, colour) {
  if (!map.getPane(PANE)) map.createPane(PANE).style.zIndex = '630';
  let layer = null;

  function show(geojson, { styleOf = () => ({}) } = {}) {
    clear();
    layer = L.geoJSON(geojson, {
      pane: PANE,
      interactive: false,
      style: (feature) => ({ color: colour, weight: NETWORK_TOOLS.HIGHLIGHT_WEIGHT, opacity: 0.85, ...styleOf(feature) }),
      pointToLayer: (feature, latlng) => L.circleMarker(latlng, { pane: PANE, radius: 7, color: colour, weight: 3, fillOpacity: 0.3, ...styleOf(feature) })
    }).addTo(map);
    return layer;
  }

  function clear() {
    layer?.remove();
    layer = null;
  }

  return { show, clear, bounds: () => layer?.getBounds() };
}
