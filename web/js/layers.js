// The map's layers: one overlay per thing a user switches on or off (compound boundaries, buildings,
// each pipe network, pipe points, fire lanes, parking, obstacles), fed by viewport sources that fetch
// from the OGC API only from each layer's zoom level on.
import { ZOOM } from './settings.js';
import { ViewportSource } from './sources.js';
import * as style from './styles.js';
import { flowArrow } from './flowArrows.js';
import { symbolKind, symbolSvg, SYMBOL_SIZE_PX } from './pointSymbols.js';
import { t } from './i18n.js';

/** Drawing order, bottom to top. Marker panes sit above Leaflet's overlay pane (400). */
const PANES = [
  ['compoundsPane', 401], ['buildingsPane', 402], ['fireLanesPane', 403], ['parkingPane', 404],
  ['obstaclesPane', 405], ['pipeCasingPane', 406], ['pipesPane', 407],
  ['flowArrowsPane', 610], ['pipePointsPane', 620]
];

export function createLayers(map, { networks, symbols, onFeatureClick }) {
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

  const fireLanes = simple('fire-lanes', 'site', ZOOM.FIRE_LANES, 'fireLanesPane', {
    geoJson: { style: (f) => style.fireLaneStyle(symbols, f.properties, fireLaneWidthPx(f.properties)) }
  });
  function fireLaneWidthPx(properties) {
    return Number(properties.required_width_m) / style.metresPerPixel(map);
  }
  function resizeFireLanes() {
    fireLanes.layer.eachLayer((group) => group.eachLayer?.((lane) => lane.setStyle({ weight: fireLaneWidthPx(lane.feature.properties) })));
  }

  simple('parking', 'site', ZOOM.PARKING, 'parkingPane', {
    geoJson: { style: (f) => style.parkingStyle(symbols, f.properties) }
  });
  simple('obstacles', 'site', ZOOM.OBSTACLES, 'obstaclesPane', {
    geoJson: {
      style: (f) => style.obstacleStyle(symbols, f.properties),
      pointToLayer: (f, latLng) => L.circleMarker(latLng, { ...style.obstacleStyle(symbols, f.properties), pane: 'obstaclesPane' })
    }
  });

  function showArrowsByZoom() {
    const show = map.getZoom() >= ZOOM.FLOW_ARROWS;
    networkLayers.forEach((n) => {
      if (show && !n.overlay.layer.hasLayer(n.arrows)) n.overlay.layer.addLayer(n.arrows);
      if (!show && n.overlay.layer.hasLayer(n.arrows)) n.overlay.layer.removeLayer(n.arrows);
    });
  }

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
    /** The overlay's label in the current language. */
    label: (o) => (o.network ? t('networkPipe', { network: t(`network.${o.network.code}`) }) : t(o.labelKey))
  };
}
