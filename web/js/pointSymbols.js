// Symbols of pipe points by kind (manhole, rain grate, valve, hydrant …), drawn as small SVGs in the
// colour of the point's network. Which kind a surveyed name is comes from /data/symbols.json.

export const SYMBOL_SIZE_PX = 16;
const OUTLINE = '#263238';
const HYDRANT_RED = '#d50000';

export function symbolKind(symbols, properties) {
  const name = properties.appurtenance ?? properties.feature ?? '';
  return symbols.pointKinds.byName[name.trim()] ?? 'other';
}

const SHAPES = {
  manhole: (c) => `<circle cx="8" cy="8" r="6.2" fill="#fff" stroke="${OUTLINE}" stroke-width="0.8"/>
    <circle cx="8" cy="8" r="4.6" fill="#fff" stroke="${c}" stroke-width="2.4"/><circle cx="8" cy="8" r="1.3" fill="${c}"/>`,
  grate: (c) => `<rect x="2" y="4.5" width="12" height="7" fill="#fff" stroke="${OUTLINE}" stroke-width="0.8"/>
    <path d="M5 5v6M8 5v6M11 5v6" stroke="${c}" stroke-width="1.6"/>`,
  valve: (c) => `<path d="M2 3.5L8 8L2 12.5Z M14 3.5L8 8L14 12.5Z" fill="${c}" stroke="${OUTLINE}" stroke-width="0.8"/>`,
  hydrant: (c) => `<circle cx="8" cy="8" r="6" fill="${HYDRANT_RED}" stroke="${OUTLINE}" stroke-width="0.8"/>
    <path d="M8 4v8M4 8h8" stroke="#fff" stroke-width="1.8"/><circle cx="8" cy="8" r="1.6" fill="${c}"/>`,
  septic: (c) => `<rect x="2" y="2" width="12" height="12" fill="#fff" stroke="${OUTLINE}" stroke-width="0.8"/>
    <rect x="3.5" y="3.5" width="9" height="9" fill="none" stroke="${c}" stroke-width="1.6"/><path d="M3.5 12.5L12.5 3.5" stroke="${c}" stroke-width="1.4"/>`,
  outlet: (c) => `<path d="M2.5 13L8 3L13.5 13Z" fill="${c}" stroke="${OUTLINE}" stroke-width="0.8"/>`,
  meter: (c) => `<rect x="3" y="3" width="10" height="10" fill="${c}" stroke="${OUTLINE}" stroke-width="0.8"/>
    <circle cx="8" cy="8" r="2.5" fill="#fff"/>`,
  handhole: (c) => `<rect x="2.5" y="4" width="11" height="8" fill="#fff" stroke="${OUTLINE}" stroke-width="0.8"/>
    <rect x="4" y="5.5" width="8" height="5" fill="${c}"/>`,
  junction: (c) => `<circle cx="8" cy="8" r="3" fill="${c}" stroke="${OUTLINE}" stroke-width="0.9"/>`,
  other: (c) => `<path d="M8 2.5L13.5 8L8 13.5L2.5 8Z" fill="${c}" stroke="${OUTLINE}" stroke-width="0.8"/>`
};

/** SVG markup of the symbol for kind, in colour (CSS colour). */
export function symbolSvg(kind, colour) {
  const shape = SHAPES[kind] ?? SHAPES.other;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SYMBOL_SIZE_PX}" height="${SYMBOL_SIZE_PX}" viewBox="0 0 16 16" aria-hidden="true">${shape(colour)}</svg>`;
}

/** White glyphs drawn on an obstacle's coloured disc, by obstacle kind. */
const OBSTACLE_GLYPHS = {
  vehicle: '<path d="M2.5 10.5h11V8l-1.8-3.2H4.3L2.5 8Z" fill="#fff"/><circle cx="5" cy="11.3" r="1.4" fill="#fff"/><circle cx="11" cy="11.3" r="1.4" fill="#fff"/>',
  illegal_structure: '<path d="M2.5 8.2L8 3.2L13.5 8.2V13.2H2.5Z" fill="#fff"/>',
  clutter: '<rect x="2.5" y="8" width="5" height="5" fill="#fff"/><rect x="8.5" y="4.5" width="5" height="8.5" fill="#fff"/>',
  tree: '<circle cx="8" cy="6.3" r="4.2" fill="#fff"/><rect x="7.1" y="9" width="1.8" height="5" fill="#fff"/>',
  bollard: '<rect x="6.2" y="2.5" width="3.6" height="11" rx="1.2" fill="#fff"/>',
  other: '<rect x="7" y="2.5" width="2" height="7.5" fill="#fff"/><rect x="7" y="11.3" width="2" height="2.2" fill="#fff"/>'
};

export function obstacleGlyphSvg(kind, sizePx) {
  const glyph = OBSTACLE_GLYPHS[kind] ?? OBSTACLE_GLYPHS.other;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${sizePx}" height="${sizePx}" viewBox="0 0 16 16" aria-hidden="true">${glyph}</svg>`;
}
