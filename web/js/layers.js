// The map's layers: one overlay per thing a user switches on or off (compound boundaries, buildings,
// each pipe network, pipe points, fire lanes, parking, obstacles), fed by viewport sources that fetch
// from the OGC API only from each layer's zoom level on.
import { ZOOM } from './settings.js';
import { ViewportSource } from './sources.js';
import { createTileLayer } from './tileLayer.js';
import * as style from './styles.js';
import { flowArrow } from './flowArrows.js';
import { symbolKind, symbolSvg, SYMBOL_SIZE_PX, obstacleGlyphSvg } from './pointSymbols.js';
import { showNotice, clearNotice } from './notices.js';
import { t } from './i18n.js';

/** Drawing order, bottom to top. Marker panes sit above Leaflet's overlay pane (400). */
const PANES = [
  ['compoundsPane', 401], ['buildingsPane', 402], ['fireLanesPane', 403], ['parkingPane', 404],
  ['obstaclesPane', 405], ['pipeCasingPane', 406], ['cityTilesPane', 406], ['pipesPane', 407],
  ['flowArrowsPane', 610], ['pipePointsPane', 620]
];

export function createLayers(map, { networks, symbols, checks, onFeatureClick }) {
  PANES.forEach(([name, zIndex]) => { map.createPane(name).style.zIndex = String(zIndex); });
  const listeners = [];
  const changed = () => listeners.forEach((listener) => listener());
  const networkByCode = new Map(networks.map((n) => [n.code, n]));
  const clickable = (collection) => (feature, layer) => {
    layer.on('click', (event) => {
      L.DomEvent.stop(event);
      onFeatureClick(collection, feature, layer);
    });
  };

  const overlays = [];
  const sources = [];
  const addOverlay = (overlay) => { overlays.push({ visible: true, count: 0, layer: L.layerGroup(), ...overlay }); return overlays.at(-1); };
  const overlay = (id) => overlays.find((o) => o.id === id);
  const addSource = (options) => {
    const source = new ViewportSource(map, { ...options, onState: changed });
    sources.push(source);
    return source;
  };

  // Compound boundaries, labelled with their names.
  let focusedCode = null;
  const compoundLayers = new Map();
  const compounds = addOverlay({ id: 'compounds', group: 'base', labelKey: 'layer.compounds', minZoom: 0 });
  compounds.source = addSource({
    collection: 'compounds', minZoom: 0, labelKey: 'layer.compounds', isWanted: () => compounds.visible,
    onFeatures: (features) => {
      compounds.layer.clearLayers();
      compoundLayers.clear();
      L.geoJSON(features, {
        pane: 'compoundsPane',
        style: (f) => style.compoundStyle(symbols, f.properties, f.properties.compound === focusedCode),
        onEachFeature: (feature, layer) => {
          compoundLayers.set(feature.properties.compound, layer);
          layer.bindTooltip(feature.properties.name, { permanent: true, direction: 'center', className: 'compound-label' });
          clickable('compounds')(feature, layer);
        }
      }).addTo(compounds.layer);
      compounds.count = features.length;
    },
    onClear: () => { compounds.layer.clearLayers(); compoundLayers.clear(); compounds.count = 0; }
  });

  const simple = (id, group, minZoom, paneName, options) => {
    const o = addOverlay({ id, group, labelKey: `layer.${id}`, minZoom, ...options.overlay });
    o.source = addSource({
      collection: id, minZoom, labelKey: `layer.${id}`, isWanted: () => o.visible,
      onFeatures: (features) => {
        o.layer.clearLayers();
        L.geoJSON(features, { pane: paneName, onEachFeature: clickable(id), ...options.geoJson }).addTo(o.layer);
        o.count = features.length;
        options.afterFeatures?.(features);
      },
      onClear: () => { o.layer.clearLayers(); o.count = 0; }
    });
    return o;
  };

  simple('buildings', 'base', ZOOM.BUILDINGS, 'buildingsPane', {
    geoJson: { style: (f) => style.buildingStyle(symbols, f.properties) }
  });

  // Pipes: one request per viewport, drawn into one overlay per network.
  const networkLayers = new Map();
  for (const network of networks) {
    const o = addOverlay({ id: `network-${network.code}`, group: 'pipes', network, minZoom: ZOOM.PIPES });
    const parts = { pipes: L.layerGroup(), casing: L.layerGroup(), arrows: L.layerGroup() };
    o.layer.addLayer(parts.casing).addLayer(parts.pipes);
    networkLayers.set(network.code, { overlay: o, ...parts });
  }
  // Pipe points, grouped by network so that switching a network off hides its points too.
  const pipePoints = addOverlay({ id: 'pipe-points', group: 'pipes', labelKey: 'layer.pipe-points', minZoom: ZOOM.PIPE_POINTS });
  const pointsByNetwork = new Map(networks.map((network) => [network.code, L.layerGroup()]));
  pointsByNetwork.forEach((points) => pipePoints.layer.addLayer(points));
  const anyNetworkVisible = () => [...networkLayers.values()].some((n) => n.overlay.visible);
  const clearPipes = () => networkLayers.forEach((n) => {
    n.pipes.clearLayers(); n.casing.clearLayers(); n.arrows.clearLayers(); n.overlay.count = 0;
  });
  const pipesSource = addSource({
    collection: 'pipes', minZoom: ZOOM.PIPES, labelKey: 'layer.pipes', isWanted: anyNetworkVisible,
    onFeatures: (features) => { clearPipes(); features.forEach(drawPipe); },
    onClear: clearPipes
  });
  networkLayers.forEach((n) => { n.overlay.source = pipesSource; });

  function drawPipe(feature) {
    const code = feature.properties.network;
    const network = networkByCode.get(code);
    const target = networkLayers.get(code);
    if (!network || !target) return;
    if (style.needsCasing(network, symbols)) {
      L.geoJSON(feature, { pane: 'pipeCasingPane', interactive: false, style: (f) => style.pipeCasingStyle(symbols, f.properties) })
        .addTo(target.casing);
    }
    L.geoJSON(feature, { pane: 'pipesPane', style: (f) => style.pipeStyle(network, symbols, f.properties), onEachFeature: clickable('pipes') })
      .addTo(target.pipes);
    if (network.drainage) {
      flowArrow(map, feature, style.rgbCss(network.rgb), 'flowArrowsPane')?.addTo(target.arrows);
    }
    target.overlay.count += 1;
  }

  pipePoints.source = addSource({
    collection: 'pipe-points', minZoom: ZOOM.PIPE_POINTS, labelKey: 'layer.pipe-points', isWanted: () => pipePoints.visible,
    onFeatures: (features) => {
      pointsByNetwork.forEach((group) => group.clearLayers());
      features.forEach(drawPoint);
      pipePoints.count = features.length;
    },
    onClear: () => { pointsByNetwork.forEach((group) => group.clearLayers()); pipePoints.count = 0; }
  });

  function drawPoint(feature) {
    const p = feature.properties;
    const network = networkByCode.get(p.network);
    const group = pointsByNetwork.get(p.network);
    if (!network || !group) return;
    const kind = symbolKind(symbols, p);
    const half = SYMBOL_SIZE_PX / 2;
    const icon = L.divIcon({
      className: style.classNames('pipe-point', `point-${kind}`, `network-${p.network}`, `compound-${p.compound}`),
      html: symbolSvg(kind, style.rgbCss(network.rgb)),
      iconSize: [SYMBOL_SIZE_PX, SYMBOL_SIZE_PX],
      iconAnchor: [half, half]
    });
    const [lng, lat] = feature.geometry.coordinates;
    const marker = L.marker([lat, lng], { icon, pane: 'pipePointsPane', title: p.point_no ?? '', keyboard: false });
    marker.feature = feature;
    clickable('pipe-points')(feature, marker);
    group.addLayer(marker);
  }

  // Fire lanes: a band of the required width, coloured by the status the fire lane check gives it
  // (/api/checks/fire-lanes), with the blocked stretches in red over it and the dead ends that lack a
  // turnaround marked.
  const fireLanes = addOverlay({ id: 'fire-lanes', group: 'site', labelKey: 'layer.fire-lanes', minZoom: ZOOM.FIRE_LANES });
  const laneParts = { lanes: L.layerGroup(), stretches: L.layerGroup(), deadEnds: L.layerGroup() };
  fireLanes.layer.addLayer(laneParts.lanes).addLayer(laneParts.stretches).addLayer(laneParts.deadEnds);
  const laneLayers = new Map(); // lane id -> its band
  const laneStatus = new Map(); // lane id -> clear | obstructed
  const failedChecks = new Set(); // compounds whose check failed: tried again when obstacles or parking load
  let laneFeatures = [];
  const clearLaneChecks = () => { laneParts.stretches.clearLayers(); laneParts.deadEnds.clearLayers(); };
  fireLanes.source = addSource({
    collection: 'fire-lanes', minZoom: ZOOM.FIRE_LANES, labelKey: 'layer.fire-lanes', isWanted: () => fireLanes.visible,
    onFeatures: (features) => {
      laneParts.lanes.clearLayers();
      laneLayers.clear();
      laneFeatures = features;
      L.geoJSON(features, {
        pane: 'fireLanesPane',
        style: (f) => style.fireLaneStyle(symbols, f.properties, fireLaneWidthPx(f.properties), laneStatus.get(f.id)),
        onEachFeature: (feature, layer) => { laneLayers.set(feature.id, layer); clickable('fire-lanes')(feature, layer); }
      }).addTo(laneParts.lanes);
      fireLanes.count = features.length;
      drawLaneChecks();
    },
    onClear: () => { laneParts.lanes.clearLayers(); laneLayers.clear(); clearLaneChecks(); laneFeatures = []; fireLanes.count = 0; }
  });
  function fireLaneWidthPx(properties) {
    return Number(properties.required_width_m) / style.metresPerPixel(map);
  }
  function resizeFireLanes() {
    laneLayers.forEach((lane) => lane.setStyle({ weight: fireLaneWidthPx(lane.feature.properties) }));
    laneParts.stretches.eachLayer((group) => group.eachLayer?.((line) => line.setStyle({ weight: fireLaneWidthPx(line.options.lane) })));
  }

  /** Fetches the check of every compound whose lanes are drawn, then colours the lanes and draws the findings. */
  async function drawLaneChecks() {
    const codes = [...new Set(laneFeatures.map((f) => f.properties.compound))];
    const drawn = laneFeatures;
    const reports = await Promise.all(codes.map((code) => checks.fireLanes(code).then((report) => {
      failedChecks.delete(code);
      clearNotice(`check-${code}`);
      return report;
    }, (error) => {
      failedChecks.add(code);
      showNotice(`check-${code}`, 'error', `${t('error.load', { what: t('check.fireLanes') })}: ${error.description ?? error.message}`);
      return null;
    })));
    if (drawn !== laneFeatures) return; // the viewport moved on meanwhile
    clearLaneChecks();
    reports.filter(Boolean).forEach(drawLaneReport);
    changed();
  }

  function drawLaneReport(report) {
    for (const lane of report.lanes) {
      laneStatus.set(lane.id, lane.status);
      const band = laneLayers.get(lane.id);
      if (band) {
        band.setStyle(style.fireLaneStyle(symbols, band.feature.properties, fireLaneWidthPx(band.feature.properties), lane.status));
        // Leaflet's setStyle leaves the class alone: the status class is swapped by hand
        const path = band.getElement();
        [...path.classList].filter((c) => c.startsWith('status-')).forEach((c) => path.classList.remove(c));
        path.classList.add(`status-${lane.status}`);
      }
      for (const stretch of lane.blocked_stretches) {
        L.geoJSON(stretch.geometry, {
          pane: 'fireLanesPane', interactive: false,
          style: () => ({ ...style.blockedStretchStyle(symbols, report.compound, fireLaneWidthPx(lane)), lane })
        }).addTo(laneParts.stretches);
      }
      for (const end of lane.dead_ends.filter((d) => d.finding)) {
        const [lng, lat] = end.point.coordinates;
        L.circleMarker([lat, lng], { pane: 'fireLanesPane', ...style.deadEndStyle(symbols, report.compound) })
          .bindTooltip(t(`check.finding.${end.finding}`, { length: Math.round(end.length_m) }))
          .addTo(laneParts.deadEnds);
      }
    }
  }
  checks.onChange(() => { laneStatus.clear(); drawLaneChecks(); });

  const retryFailedChecks = () => { if (failedChecks.size > 0) drawLaneChecks(); };
  simple('parking', 'site', ZOOM.PARKING, 'parkingPane', {
    geoJson: { style: (f) => style.parkingStyle(symbols, f.properties) },
    afterFeatures: retryFailedChecks
  });
  // Obstacles coloured by kind; a point obstacle also carries its kind's glyph (car, shed, clutter, tree …).
  const obstacles = simple('obstacles', 'site', ZOOM.OBSTACLES, 'obstaclesPane', {
    afterFeatures: retryFailedChecks,
    geoJson: {
      style: (f) => style.obstacleStyle(symbols, f.properties),
      pointToLayer: (f, latLng) => {
        const marker = L.circleMarker(latLng, { ...style.obstacleStyle(symbols, f.properties), pane: 'obstaclesPane' });
        L.marker(latLng, { icon: obstacleGlyph(f.properties), pane: 'obstaclesPane', interactive: false, keyboard: false })
          .addTo(obstacles.layer);
        return marker;
      }
    }
  });
  function obstacleGlyph(p) {
    const size = symbols.obstacles.glyphSizePx;
    return L.divIcon({
      className: style.classNames('obstacle-glyph', `obstacle-glyph-${p.kind}`),
      html: obstacleGlyphSvg(p.kind, size),
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2]
    });
  }

  function showArrowsByZoom() {
    const show = map.getZoom() >= ZOOM.FLOW_ARROWS;
    networkLayers.forEach((n) => {
      if (show && !n.overlay.layer.hasLayer(n.arrows)) n.overlay.layer.addLayer(n.arrows);
      if (!show && n.overlay.layer.hasLayer(n.arrows)) n.overlay.layer.removeLayer(n.arrows);
    });
  }

  // Below the zooms of the GeoJSON layers the city is drawn from the vector tiles, when the server has them:
  // compound outlines then load as GeoJSON (labelled, clickable) only from ZOOM.COMPOUNDS on.
  let tiles = null;
  const fromTiles = (collection) => () => tiles !== null && tiles.draws(collection, map.getZoom());
  compounds.fromTiles = fromTiles('compounds');
  fireLanes.fromTiles = fromTiles('fire-lanes');
  networkLayers.forEach((n) => { n.overlay.fromTiles = fromTiles('pipes'); });
  createTileLayer(map, { networks, symbols, pane: 'cityTilesPane', isVisible: (id) => overlay(id).visible }).then((created) => {
    if (!created) return;
    tiles = created;
    compounds.minZoom = ZOOM.COMPOUNDS;
    compounds.source.minZoom = ZOOM.COMPOUNDS;
    map.addLayer(tiles.layer);
    compounds.source.refresh();
    changed();
  });

  function refreshAll({ force = false } = {}) {
    sources.forEach((source) => source.refresh({ force }));
  }

  function setVisible(id, visible) {
    const o = overlay(id);
    o.visible = visible;
    if (visible) map.addLayer(o.layer); else map.removeLayer(o.layer);
    if (o.network) {
      const points = pointsByNetwork.get(o.network.code);
      if (visible) pipePoints.layer.addLayer(points); else pipePoints.layer.removeLayer(points);
    }
    o.source.refresh();
    tiles?.redraw();
    changed();
  }

  function focusCompound(code) {
    focusedCode = code;
    compoundLayers.forEach((layer, layerCode) => layer.setStyle(style.compoundStyle(symbols, { compound: layerCode }, layerCode === code)));
    compoundLayers.get(code)?.bringToFront();
  }

  overlays.forEach((o) => map.addLayer(o.layer));
  map.on('zoomend', () => { showArrowsByZoom(); resizeFireLanes(); });
  map.on('moveend', () => refreshAll());
  showArrowsByZoom();

  return {
    overlays,
    refreshAll,
    setVisible,
    focusCompound,
    onChange: (listener) => listeners.push(listener),
    /** Fetches the obstacles again (after a report or a status change). */
    refreshObstacles: () => obstacles.source.refresh({ force: true }),
    laneStatus: (id) => laneStatus.get(id),
    /** The overlay's label in the current language. */
    label: (o) => (o.network ? t('networkPipe', { network: t(`network.${o.network.code}`) }) : t(o.labelKey))
  };
}
