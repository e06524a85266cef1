// Plane geometry on coordinate pairs, for short distances on the map (within a compound or a report's area).

/** The point of the segment a–b nearest to (px, py), and its distance, in the units of the coordinates. */
export function nearestOnSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const f = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  const x = ax + f * dx;
  const y = ay + f * dy;
  return { x, y, distance: Math.hypot(px - x, py - y) };
}
