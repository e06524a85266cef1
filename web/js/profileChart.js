// The longitudinal profile of a traced path, drawn as plain SVG: the ground line over the stations and each
// pipe's invert (and crown, invert + diameter) from its upstream to its downstream end, against chainage.
// Drainage depths and elevations are to the invert (standards.md §2).
import { t } from './i18n.js';
import { PROFILE } from './settings.js';

const SVG = 'http://www.w3.org/2000/svg';

function el(name, attributes = {}, text) {
  const node = document.createElementNS(SVG, name);
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, String(value)));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Round numbers for axis ticks: 1, 2 or 5 times a power of ten, about `count` of them over the span. */
function ticks(min, max, count) {
  const span = Math.max(max - min, 1e-9);
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const out = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-6; v += step) out.push(Number(v.toFixed(6)));
  return out;
}

function extent(trace) {
  const values = [];
  trace.stations.forEach((s) => { if (s.ground_m != null) values.push(s.ground_m); });
  trace.path.forEach((p) => {
    const crown = (p.dn_mm ?? 0) / 1000;
    [p.upstream_invert_m, p.downstream_invert_m].forEach((v) => { if (v != null) values.push(v, v + crown); });
  });
  if (values.length === 0) return null;
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = Math.max((high - low) * PROFILE.VERTICAL_PADDING, PROFILE.MIN_VERTICAL_SPAN_M / 2);
  return { low: low - pad, high: high + pad, length: trace.stations.at(-1)?.chainage_m || 1 };
}

/** An SVG element showing the profile of trace (the answer of /api/network/trace), or null with nothing to draw. */
export function profileSvg(trace) {
  if (!trace.path?.length) return null;
  const box = extent(trace);
  if (!box) return null;
  const { WIDTH: width, HEIGHT: height, MARGIN: m } = PROFILE;
  const x = (chainage) => m.left + (chainage / box.length) * (width - m.left - m.right);
  const y = (elevation) => m.top + ((box.high - elevation) / (box.high - box.low)) * (height - m.top - m.bottom);
  const svg = el('svg', { class: 'profile-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': t('profile.title') });

  const axes = el('g', { class: 'profile-axes' });
  ticks(0, box.length, PROFILE.X_TICKS).forEach((c) => {
    axes.append(el('line', { x1: x(c), x2: x(c), y1: m.top, y2: height - m.bottom, class: 'profile-grid' }));
    axes.append(el('text', { x: x(c), y: height - m.bottom + 14, 'text-anchor': 'middle' }, `${c}`));
  });
  ticks(box.low, box.high, PROFILE.Y_TICKS).forEach((e) => {
    axes.append(el('line', { x1: m.left, x2: width - m.right, y1: y(e), y2: y(e), class: 'profile-grid' }));
    axes.append(el('text', { x: m.left - 4, y: y(e) + 4, 'text-anchor': 'end' }, e.toFixed(2)));
  });
  axes.append(el('text', { x: (width + m.left - m.right) / 2, y: height - 4, 'text-anchor': 'middle', class: 'profile-axis-title' }, t('profile.chainage')));
  axes.append(el('text', { x: 12, y: (height - m.bottom + m.top) / 2, transform: `rotate(-90 12 ${(height - m.bottom + m.top) / 2})`, 'text-anchor': 'middle', class: 'profile-axis-title' }, t('profile.elevation')));
  svg.append(axes);

  const stations = trace.stations.filter((s) => s.ground_m != null);
  if (stations.length > 1) {
    svg.append(el('polyline', { class: 'profile-ground', points: stations.map((s) => `${x(s.chainage_m)},${y(s.ground_m)}`).join(' ') }));
  }
  const pipes = el('g', { class: 'profile-pipes' });
  trace.path.forEach((p) => {
    if (p.upstream_invert_m == null || p.downstream_invert_m == null) return;
    const crown = (p.dn_mm ?? 0) / 1000;
    const x1 = x(p.start_chainage_m);
    const x2 = x(p.end_chainage_m);
    const reverse = p.downstream_invert_m > p.upstream_invert_m;
    pipes.append(el('polygon', {
      class: `profile-pipe${reverse ? ' profile-reverse' : ''}`,
      'data-pipe': p.pipe_id,
      points: `${x1},${y(p.upstream_invert_m + crown)} ${x2},${y(p.downstream_invert_m + crown)} ${x2},${y(p.downstream_invert_m)} ${x1},${y(p.upstream_invert_m)}`
    }));
    pipes.append(el('line', { class: 'profile-invert', x1, y1: y(p.upstream_invert_m), x2, y2: y(p.downstream_invert_m) }));
  });
  svg.append(pipes);

  const marks = el('g', { class: 'profile-stations' });
  trace.stations.forEach((s) => {
    const top = s.ground_m != null ? y(s.ground_m) : m.top;
    marks.append(el('line', { class: 'profile-station', x1: x(s.chainage_m), x2: x(s.chainage_m), y1: top, y2: height - m.bottom }));
    marks.append(el('text', { class: 'profile-station-label', x: x(s.chainage_m), y: m.top - 4, 'text-anchor': 'middle' }, s.point_no));
  });
  svg.append(marks);

  const legend = el('g', { class: 'profile-legend', transform: `translate(${width - m.right - 200}, ${height - m.bottom - 36})` });
  legend.append(el('line', { class: 'profile-ground', x1: 0, x2: 20, y1: 0, y2: 0 }));
  legend.append(el('text', { x: 24, y: 4 }, t('profile.ground')));
  legend.append(el('rect', { class: 'profile-pipe', x: 0, y: 10, width: 20, height: 8 }));
  legend.append(el('text', { x: 24, y: 18 }, t('profile.pipe')));
  legend.append(el('line', { class: 'profile-invert', x1: 100, x2: 120, y1: 0, y2: 0 }));
  legend.append(el('text', { x: 124, y: 4 }, t('profile.invert')));
  svg.append(legend);
  return svg;
}
