// The clear-width profile of one fire lane as a plain SVG chart: clear width (m) against chainage (m)
// along the centreline, the required width as a dashed line, the blocked stretches shaded red.
import { t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const CHART = Object.freeze({ WIDTH: 300, HEIGHT: 150, LEFT: 34, RIGHT: 8, TOP: 10, BOTTOM: 26, HEADROOM_M: 0.5 });

function el(name, attributes = {}, text = null) {
  const node = document.createElementNS(SVG, name);
  Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, String(v)));
  if (text != null) node.textContent = text;
  return node;
}

/** An SVG element for the lane's profile (lane as in /api/checks/fire-lanes), with a read-out under the pointer. */
export function profileChart(lane) {
  const { WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM, HEADROOM_M } = CHART;
  const length = Math.max(lane.length_m, 1);
  const maxWidth = Math.max(lane.carriageway_width_m, lane.required_width_m) + HEADROOM_M;
  const x = (chainage) => LEFT + (chainage / length) * (WIDTH - LEFT - RIGHT);
  const y = (width) => TOP + (1 - width / maxWidth) * (HEIGHT - TOP - BOTTOM);
  const svg = el('svg', {
    class: 'profile-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img',
    'aria-label': t('check.profileTitle', { name: lane.name ?? lane.source_id ?? lane.id })
  });
  for (const stretch of lane.blocked_stretches) {
    svg.append(el('rect', {
      class: 'profile-blocked', x: x(stretch.from_m), y: TOP,
      width: Math.max(x(stretch.to_m) - x(stretch.from_m), 1), height: HEIGHT - TOP - BOTTOM
    }));
  }
  svg.append(el('line', { class: 'profile-axis', x1: LEFT, y1: y(0), x2: WIDTH - RIGHT, y2: y(0) }));
  svg.append(el('line', { class: 'profile-axis', x1: LEFT, y1: TOP, x2: LEFT, y2: y(0) }));
  svg.append(el('line', { class: 'profile-required', x1: LEFT, y1: y(lane.required_width_m), x2: WIDTH - RIGHT, y2: y(lane.required_width_m) }));
  const points = lane.profile.map((p) => `${x(p.chainage_m).toFixed(1)},${y(p.clear_width_m).toFixed(1)}`).join(' ');
  svg.append(el('polyline', { class: 'profile-line', points }));
  svg.append(el('text', { class: 'profile-label', x: LEFT - 4, y: y(lane.required_width_m) + 3, 'text-anchor': 'end' }, String(lane.required_width_m)));
  svg.append(el('text', { class: 'profile-label', x: LEFT - 4, y: y(0) + 3, 'text-anchor': 'end' }, '0'));
  svg.append(el('text', { class: 'profile-label', x: LEFT, y: HEIGHT - 12, 'text-anchor': 'start' }, '0'));
  svg.append(el('text', { class: 'profile-label', x: WIDTH - RIGHT, y: HEIGHT - 12, 'text-anchor': 'end' }, `${Math.round(lane.length_m)}`));
  svg.append(el('text', { class: 'profile-label', x: (LEFT + WIDTH) / 2, y: HEIGHT - 2, 'text-anchor': 'middle' }, t('check.chainageAxis')));
  svg.append(el('text', { class: 'profile-label', x: 2, y: TOP + 2, 'text-anchor': 'start', 'dominant-baseline': 'hanging' }, t('unit.m')));
  const cursor = el('line', { class: 'profile-cursor', x1: 0, y1: TOP, x2: 0, y2: y(0), visibility: 'hidden' });
  svg.append(cursor);

  const readout = document.createElement('p');
  readout.className = 'profile-readout muted';
  readout.textContent = t('check.profileHint');
  svg.addEventListener('pointermove', (event) => {
    const box = svg.getBoundingClientRect();
    const chainage = ((event.clientX - box.left) / box.width * WIDTH - LEFT) / (WIDTH - LEFT - RIGHT) * length;
    const station = nearest(lane.profile, chainage);
    if (!station) return;
    cursor.setAttribute('x1', x(station.chainage_m));
    cursor.setAttribute('x2', x(station.chainage_m));
    cursor.setAttribute('visibility', 'visible');
    readout.textContent = t('check.profileAt', { chainage: station.chainage_m.toFixed(1), width: station.clear_width_m.toFixed(2) });
  });
  const figure = document.createElement('figure');
  figure.className = 'profile';
  figure.append(svg, readout);
  return figure;
}

function nearest(profile, chainage) {
  let best = null;
  for (const p of profile) {
    if (!best || Math.abs(p.chainage_m - chainage) < Math.abs(best.chainage_m - chainage)) best = p;
  }
  return best;
}
