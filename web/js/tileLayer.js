// The city overview: compound outlines, fire lanes (by status where the tiles say it) and pipes (per network, CJJ 61 colours) drawn
// from the server's vector tiles (GET /tiles/WebMercatorQuad/{z}/{y}/{x}, one MVT with a layer per collection)
// by protomaps-leaflet on a canvas, below the zooms from which the GeoJSON layers load. The GeoJSON layers stay
// what is clicked, highlighted and shown in the panels; the tiles only draw.
import { TILES, ZOOM } from './settings.js';
import { getJson } from './api.js';
import * as style from './styles.js';

/**
 * The tile overlay, or null when the server has no tiles (or does not answer about them): the map then works
 * as before, from the GeoJSON layers alone.
 * @param options.isVisible (overlay id) => whether that overlay of the layer panel is switched on
 */
export async function createTileLayer(map, { networks, symbols, pane, isVisible }) {
  const metadata = await tileMetadata();
  if (!metadata || typeof protomapsL === 'undefined') return null;
  const layer = protomapsL.leafletLayer({
    url: TILES.URL_TEMPLATE,
    pane,
    paintRules: paintRules(networks, symbols, isVisible),
    labelRules: [],
    attribution: '',
    levelDiff: 0, // a 256 px tile of the server for each 256 px tile on the screen
    maxDataZoom: metadata.maxzoom,
    minZoom: metadata.minzoom,
    maxZoom: ZOOM.PIPES - 1
  });
  const layerMinZooms = new Map((metadata.vector_layers ?? []).map((l) => [l.id, l.minzoom ?? metadata.minzoom]));
  return {
    layer,
    /** Whether the tiles draw that collection at this zoom (each layer of the tiles has its own first zoom). */
    draws: (collection, zoom) => zoom >= (layerMinZooms.get(collection) ?? metadata.minzoom) && zoom < ZOOM.PIPES,
    /** Draws the tiles again (a layer switched on or off): from the tiles already fetched. */
    redraw: () => layer.rerenderTiles()
  };
}

/**
 * The local base map (issue 14 point 7): the compounds' own buildings and fire lanes (their roads) from the server's
 * tiles, drawn plain under everything, for a map without internet tiles. Null when the server has no tiles.
 */
export async function createLocalBaseLayer({ pane, symbols }) {
  const metadata = await tileMetadata();
  if (!metadata || typeof protomapsL === 'undefined') return null;
  const b = symbols.localBase;
  return protomapsL.leafletLayer({
    url: TILES.URL_TEMPLATE,
    pane,
    paintRules: [
      { dataLayer: 'compounds', symbolizer: new protomapsL.PolygonSymbolizer({ fill: b.compoundFill, opacity: 1 }) },
      { dataLayer: 'fire-lanes', symbolizer: new protomapsL.LineSymbolizer({ color: b.roadCasing, width: b.roadWidthPx + 2, lineCap: 'round' }) },
      { dataLayer: 'fire-lanes', symbolizer: new protomapsL.LineSymbolizer({ color: b.road, width: b.roadWidthPx, lineCap: 'round' }) },
      { dataLayer: 'buildings', symbolizer: new protomapsL.PolygonSymbolizer({ fill: b.building, stroke: b.buildingEdge, width: 0.5, opacity: 1 }) }
    ],
    labelRules: [],
    attribution: '',
    levelDiff: 0,
    maxDataZoom: metadata.maxzoom,
    minZoom: metadata.minzoom,
    maxZoom: ZOOM.MAX
  });
}

async function tileMetadata() {
  try {
    const conformance = await getJson(TILES.CONFORMANCE_PATH, { labelKey: 'layers.title' });
    if (!(conformance.conformsTo ?? []).some((c) => TILES.CONFORMANCE_CLASS.test(c))) return null;
    const metadata = await getJson(TILES.METADATA_PATH, { labelKey: 'layers.title' });
    return Number.isInteger(metadata.minzoom) && Number.isInteger(metadata.maxzoom) ? metadata : null;
  } catch {
    return null; // no tiles: the GeoJSON layers draw everything, as from their own zooms
  }
}

/** Bottom to top: compounds, fire lanes, pipe casings, pipes; each only where the GeoJSON layer does not draw. */
function paintRules(networks, symbols, isVisible) {
  return [
    ...compoundRules(symbols, isVisible),
    fireLaneRule(symbols, isVisible),
    ...networks.flatMap((network) => pipeRules(network, symbols, isVisible))
  ];
}

function compoundRules(symbols, isVisible) {
  const c = symbols.compounds;
  const shown = () => isVisible('compounds');
  return [
    { dataLayer: 'compounds', maxzoom: ZOOM.COMPOUNDS - 1, filter: shown,
      symbolizer: new protomapsL.PolygonSymbolizer({ fill: c.fillColor, opacity: c.fillOpacity }) },
    { dataLayer: 'compounds', maxzoom: ZOOM.COMPOUNDS - 1, filter: shown,
      symbolizer: new protomapsL.LineSymbolizer({ color: c.color, width: c.weight, dash: dashOf(c.dashArray) }) }
  ];
}

/** In the check's status colour when the tile carries a status; grey (as an unchecked band) when not. */
function fireLaneRule(symbols, isVisible) {
  const f = symbols.fireLane;
  const ofStatus = (feature) => f.status[feature.props.status];
  return {
    dataLayer: 'fire-lanes', maxzoom: ZOOM.FIRE_LANES - 1, filter: () => isVisible('fire-lanes'),
    symbolizer: new protomapsL.LineSymbolizer({
      color: (z, feature) => ofStatus(feature)?.color ?? f.color,
      opacity: f.overview.opacity,
      width: f.overview.widthPx,
      lineCap: 'round'
    })
  };
}

/** A network's pipes as the GeoJSON layer draws them (styles.js): colour, dash, weight by DN, casing if light. */
function pipeRules(network, symbols, isVisible) {
  const filter = (z, feature) => feature.props.network === network.code && isVisible(`network-${network.code}`);
  const dash = dashOf(network.dashArray);
  const weight = (z, feature) => style.pipeWeight(symbols, feature.props);
  const opacity = (z, feature) => style.pipeStyle(network, symbols, feature.props).opacity;
  const colour = style.rgbCss(network.rgb);
  const pipes = { dataLayer: 'pipes', maxzoom: ZOOM.PIPES - 1, filter,
    symbolizer: new protomapsL.LineSymbolizer({ color: colour, width: weight, opacity,
      ...(dash ? { dash, dashColor: colour, dashWidth: weight } : {}) }) };
  if (!style.needsCasing(network, symbols)) return [pipes];
  const casing = { dataLayer: 'pipes', maxzoom: ZOOM.PIPES - 1, filter,
    symbolizer: new protomapsL.LineSymbolizer({ color: symbols.casing.color, width: (z, feature) => weight(z, feature) + symbols.casing.extraWeight }) };
  return [casing, pipes];
}

/** Leaflet's "10 5" dash pattern as the canvas' [10, 5]. */
function dashOf(dashArray) {
  return dashArray ? dashArray.split(' ').map(Number) : undefined;
}
