// Flow arrows on drainage pipes: one arrowhead at the middle of each pipe pointing downstream.
// Downstream is the recorded flow direction, else from the higher invert to the lower.

export const ARROW_SIZE_PX = 14;
const OUTLINE = '#ffffff';

/** True when the water runs from the pipe's end to its start. */
export function flowsBackwards(properties) {
  if (properties.flow_direction === 'reverse') return true;
  if (properties.flow_direction === 'forward') return false;
  const { start_elevation_m: start, end_elevation_m: end } = properties;
  return start != null && end != null && Number(start) < Number(end);
}

/** The longest part of a (Multi)LineString as [lng, lat] pairs. */
function longestPart(geometry) {
  if (geometry.type === 'LineString') return geometry.coordinates;
  return geometry.coordinates.reduce((longest, part) => (part.length > longest.length ? part : longest), []);
}

/** The point halfway along the line and the direction of travel there, in zoom-independent pixels. */
function midpointAndAngle(map, coordinates) {
  const points = coordinates.map(([lng, lat]) => map.project([lat, lng], 0));
  const lengths = points.slice(1).map((p, i) => p.distanceTo(points[i]));
  let remaining = lengths.reduce((a, b) => a + b, 0) / 2;
  for (let i = 0; i < lengths.length; i++) {
    if (remaining <= lengths[i] || i === lengths.length - 1) {
      const fraction = lengths[i] > 0 ? Math.min(1, remaining / lengths[i]) : 0;
      const from = points[i];
      const to = points[i + 1];
      const at = from.add(to.subtract(from).multiplyBy(fraction));
      const angle = Math.atan2(to.y - from.y, to.x - from.x) * 180 / Math.PI;
      return { latLng: map.unproject(at, 0), angle };
    }
    remaining -= lengths[i];
  }
  return null;
}

/** A non-interactive marker with the arrowhead for one drainage pipe, or null for a degenerate line. */
export function flowArrow(map, feature, colour, pane) {
  const coordinates = longestPart(feature.geometry);
  if (coordinates.length < 2) return null;
  const mid = midpointAndAngle(map, coordinates);
  if (!mid) return null;
  const angle = flowsBackwards(feature.properties) ? mid.angle + 180 : mid.angle;
  const half = ARROW_SIZE_PX / 2;
  const html = `<svg xmlns="http://www.w3.org/2000/svg" width="${ARROW_SIZE_PX}" height="${ARROW_SIZE_PX}" viewBox="0 0 14 14"
    style="transform: rotate(${angle.toFixed(1)}deg)" aria-hidden="true"><path d="M2 2L12 7L2 12L5 7Z" fill="${colour}" stroke="${OUTLINE}" stroke-width="1.2" stroke-linejoin="round"/></svg>`;
  return L.marker(mid.latLng, {
    pane,
    interactive: false,
    keyboard: false,
    icon: L.divIcon({ className: 'flow-arrow', html, iconSize: [ARROW_SIZE_PX, ARROW_SIZE_PX], iconAnchor: [half, half] })
  });
}
