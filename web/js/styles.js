// How each kind of feature looks. The numbers come from /data/networks.json (CJJ 61 colours) and
// /data/symbols.json; this module turns them into Leaflet path options.

const EARTH_CIRCUMFERENCE_M = 40075016.686;
const TILE_SIZE_PX = 256;
const RGB_MAX = 255;

export function rgbCss([r, g, b]) {
  return `rgb(${r}, ${g}, ${b})`;
}

/** Perceived lightness 0..1 (Rec. 601 luma). */
export function lightness([r, g, b]) {
  return (0.299 * r + 0.587 * g + 0.114 * b) / RGB_MAX;
}

/** Ground metres covered by one screen pixel at the map's centre and zoom (Web Mercator). */
export function metresPerPixel(map) {
  const latitude = map.getCenter().lat * Math.PI / 180;
  return EARTH_CIRCUMFERENCE_M * Math.cos(latitude) / (TILE_SIZE_PX * 2 ** map.getZoom());
}

export function classNames(...names) {
  return names.filter(Boolean).join(' ');
}

/** The diameter that sets a pipe's weight: DN, else a duct's width. */
export function pipeSizeMm(properties) {
  return properties.dn_mm ?? properties.width_mm ?? null;
}

export function pipeWeight(symbols, properties) {
  const size = pipeSizeMm(properties);
  const { classes, unknownSizeWeight } = symbols.pipeWeight;
  if (size == null) return unknownSizeWeight;
  return classes.find((c) => c.maxMm == null || size <= c.maxMm).weight;
}

export function pipeStyle(network, symbols, properties) {
  return {
    color: rgbCss(network.rgb),
    weight: pipeWeight(symbols, properties),
    dashArray: network.dashArray ?? null,
    opacity: properties.status === 'abandoned' ? symbols.abandonedPipeOpacity : 1,
    lineCap: 'butt',
    className: classNames('pipe', `network-${network.code}`, `compound-${properties.compound}`)
  };
}

export function needsCasing(network, symbols) {
  return lightness(network.rgb) >= symbols.casing.minLightness;
}

export function pipeCasingStyle(symbols, properties) {
  return {
    color: symbols.casing.color,
    weight: pipeWeight(symbols, properties) + symbols.casing.extraWeight,
    lineCap: 'butt',
    interactive: false,
    className: 'pipe-casing'
  };
}

/** A fire lane's band of its required width, coloured by the check's status (clear, obstructed; unchecked meanwhile). */
export function fireLaneStyle(symbols, properties, widthPx, status) {
  const f = symbols.fireLane;
  const checked = f.status[status];
  return {
    color: checked?.color ?? f.color,
    opacity: checked?.opacity ?? f.opacity,
    weight: widthPx,
    lineCap: 'butt',
    lineJoin: 'round',
    className: classNames('fire-lane', `status-${status ?? 'unchecked'}`, `compound-${properties.compound}`)
  };
}

/** A stretch of a lane where the clear width is below the required width: red over the lane's band. */
export function blockedStretchStyle(symbols, compound, widthPx) {
  const b = symbols.fireLane.blockedStretch;
  return {
    color: b.color, opacity: b.opacity, weight: widthPx, lineCap: 'butt', interactive: false,
    className: classNames('blocked-stretch', `compound-${compound}`)
  };
}

/** The end of a dead-end lane that needs a turnaround and has none (or one too small or obstructed). */
export function deadEndStyle(symbols, compound) {
  const d = symbols.fireLane.deadEnd;
  return {
    color: d.color, weight: d.weight, fillColor: d.fillColor, fillOpacity: d.fillOpacity, radius: d.radius,
    className: classNames('dead-end-finding', `compound-${compound}`)
  };
}

export function parkingStyle(symbols, properties) {
  const kind = symbols.parking[properties.kind] ?? symbols.parking.standard;
  return {
    color: kind.color,
    weight: symbols.parkingOutlineWeight,
    fillColor: kind.color,
    fillOpacity: kind.fillOpacity,
    dashArray: kind.dashArray,
    className: classNames('parking-stall', `parking-${properties.kind}`, `compound-${properties.compound}`)
  };
}

export function obstacleStyle(symbols, properties) {
  const o = symbols.obstacles;
  const color = o[properties.kind] ?? o.other;
  const resolved = properties.status === 'resolved';
  return {
    color,
    weight: o.outlineWeight,
    fillColor: color,
    fillOpacity: resolved ? o.resolvedOpacity : o.fillOpacity,
    opacity: resolved ? o.resolvedOpacity : 1,
    radius: o.pointRadius,
    className: classNames('obstacle', `obstacle-${properties.kind}`, `compound-${properties.compound}`)
  };
}

export function buildingStyle(symbols, properties) {
  const b = symbols.buildings;
  return {
    color: b.color, weight: b.weight, fillColor: b.fillColor, fillOpacity: b.fillOpacity,
    className: classNames('building', `compound-${properties.compound}`)
  };
}

export function compoundStyle(symbols, properties, focused) {
  const c = symbols.compounds;
  return {
    color: focused ? c.focusColor : c.color,
    weight: focused ? c.focusWeight : c.weight,
    dashArray: c.dashArray,
    fillColor: c.fillColor,
    fillOpacity: c.fillOpacity,
    className: classNames('compound', `compound-${properties.compound}`)
  };
}
