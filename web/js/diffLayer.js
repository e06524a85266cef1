// A staged re-survey's differences from the compound's current data, drawn over the map: added green,
// removed red and dashed, changed orange, moved violet with an arrow from the old to the new place and the
// displacement in metres. A click on a difference shows what changed (field: old → new) in a popup.
import { SURVEY_DIFF } from './settings.js';
import { escapeHtml } from './html.js';
import { t, hasMessage } from './i18n.js';
import { formatField } from './fields.js';
import { classNames } from './styles.js';

const PANES = [['surveyDiffOldPane', 630], ['surveyDiffPane', 640], ['surveyDiffArrowPane', 650]];
/** The layer ids of the survey report (LayerKind on the server) and the OGC API collections they feed. */
export const COLLECTION_OF_LAYER = {
  compounds: 'compounds', buildings: 'buildings', pipes: 'pipes', pipe_points: 'pipe-points',
  fire_lanes: 'fire-lanes', parking: 'parking', obstacles: 'obstacles'
};

/** The colour class of a change: a feature both changed and moved is drawn as changed, with the arrow. */
export function drawnAs(change) {
  return change === 'changed_and_moved' ? 'changed' : change;
}

export function createDiffLayer(map, { symbols }) {
  PANES.forEach(([name, zIndex]) => { map.createPane(name).style.zIndex = String(zIndex); });
  const look = symbols.surveyDiff;
  const group = L.featureGroup();
  let renderer = null;

  function show(diff) {
    clear();
    const features = diff.features?.features ?? [];
    renderer = features.length > SURVEY_DIFF.MAX_SVG_FEATURES ? L.canvas({ pane: 'surveyDiffPane' }) : null;
    features.forEach(draw);
    group.addTo(map);
    return features.length > 0 ? group.getBounds() : null;
  }

  function clear() {
    map.closePopup();
    group.clearLayers();
    group.remove();
  }

  function draw(feature) {
    const p = feature.properties;
    const kind = drawnAs(p.change);
    if (p.old_geometry) {
      L.geoJSON(p.old_geometry, {
        pane: 'surveyDiffOldPane', interactive: false,
        style: () => pathStyle('old', 'diff-old', p),
        pointToLayer: (f, latLng) => L.circleMarker(latLng, { ...pathStyle('old', 'diff-old', p), radius: look.pointRadius, pane: 'surveyDiffOldPane' })
      }).addTo(group);
    }
    const shape = L.geoJSON(feature, {
      pane: 'surveyDiffPane',
      style: () => pathStyle(kind, `diff-${p.change}`, p),
      pointToLayer: (f, latLng) => L.circleMarker(latLng, { ...pathStyle(kind, `diff-${p.change}`, p), radius: look.pointRadius, pane: 'surveyDiffPane' })
    });
    shape.bindPopup(() => popupContent(p), { className: 'diff-popup', maxWidth: 420 });
    shape.addTo(group);
    if (p.old_geometry && p.moved_m != null) drawMove(p, feature.geometry);
  }

  function pathStyle(kind, className, p) {
    const s = look[kind];
    return {
      color: s.color, weight: s.weight, dashArray: s.dashArray, opacity: 1,
      fillColor: s.color, fillOpacity: look.fillOpacity, lineCap: 'round',
      renderer: renderer ?? undefined,
      className: classNames('diff', className, `diff-layer-${p.layer}`)
    };
  }

  /** A line with an arrowhead from where the feature was to where it is now, labelled with the distance. */
  function drawMove(p, newGeometry) {
    const from = anchor(p.old_geometry);
    const to = anchor(newGeometry);
    if (!from || !to) return;
    const a = look.arrow;
    L.polyline([from, to], {
      pane: 'surveyDiffArrowPane', interactive: false, color: a.color, weight: a.weight,
      renderer: renderer ?? undefined, className: 'diff-move-line'
    }).addTo(group);
    const start = map.project(from, 0);
    const end = map.project(to, 0);
    const angle = Math.atan2(end.y - start.y, end.x - start.x) * 180 / Math.PI;
    const size = a.headSizePx;
    const metres = t('diff.movedBy', { m: Number(p.moved_m).toFixed(SURVEY_DIFF.DISPLACEMENT_DECIMALS) });
    L.marker(to, {
      pane: 'surveyDiffArrowPane', interactive: false, keyboard: false,
      icon: L.divIcon({
        className: 'diff-move-arrow',
        html: `<svg width="${size}" height="${size}" viewBox="0 0 14 14" style="transform: rotate(${angle.toFixed(1)}deg)" aria-hidden="true">
          <path d="M1 2L13 7L1 12L4 7Z" fill="${a.color}" stroke="#fff" stroke-width="1.2" stroke-linejoin="round"/></svg>
          <span class="diff-move-label">${escapeHtml(metres)}</span>`,
        iconSize: [size, size],
        iconAnchor: [size / 2, size / 2]
      })
    }).addTo(group);
  }

  function popupContent(p) {
    const root = document.createElement('div');
    root.className = 'diff-details';
    const title = document.createElement('h3');
    title.textContent = `${t(`survey.layer.${p.layer}`)} ${p.key ?? ''} · ${t(`diff.change.${p.change}`)}`;
    root.append(title);
    const table = document.createElement('table');
    const collection = COLLECTION_OF_LAYER[p.layer];
    if (p.moved_m != null) addRow(table, t('diff.displacement'), t('diff.movedBy', { m: Number(p.moved_m).toFixed(SURVEY_DIFF.DISPLACEMENT_DECIMALS) }));
    Object.entries(p.changes ?? {}).forEach(([field, { old: before, new: after }]) => {
      addRow(table, fieldLabel(field), `${valueText(collection, field, before)} → ${valueText(collection, field, after)}`, 'diff-field');
    });
    if (p.source_file) addRow(table, t('diff.source'), t('diff.sourceRecord', { file: p.source_file, record: p.record_no }));
    root.append(table);
    return root;
  }

  return { show, clear };
}

function fieldLabel(field) {
  return hasMessage(`field.${field}`) ? t(`field.${field}`) : field;
}

function valueText(collection, field, value) {
  if (value == null || value === '') return t('value.none');
  return formatField(collection, field, { [field]: value }) ?? String(value);
}

function addRow(table, label, value, className) {
  const tr = table.insertRow();
  if (className) tr.className = className;
  const th = document.createElement('th');
  th.scope = 'row';
  th.textContent = label;
  tr.append(th);
  tr.insertCell().textContent = value;
}

/** Where an arrow starts or ends on a geometry: the point, halfway along a line, the middle of an area. */
function anchor(geometry) {
  switch (geometry.type) {
    case 'Point': return L.latLng(geometry.coordinates[1], geometry.coordinates[0]);
    case 'LineString': return halfwayAlong(geometry.coordinates);
    case 'MultiLineString': return halfwayAlong(geometry.coordinates.reduce((a, b) => (b.length > a.length ? b : a), []));
    default: return L.geoJSON(geometry).getBounds().getCenter();
  }
}

function halfwayAlong(coordinates) {
  if (coordinates.length === 0) return null;
  const points = coordinates.map(([lng, lat]) => L.latLng(lat, lng));
  const lengths = points.slice(1).map((p, i) => p.distanceTo(points[i]));
  let remaining = lengths.reduce((a, b) => a + b, 0) / 2;
  for (let i = 0; i < lengths.length; i++) {
    if (remaining <= lengths[i]) {
      const f = lengths[i] > 0 ? remaining / lengths[i] : 0;
      return L.latLng(points[i].lat + (points[i + 1].lat - points[i].lat) * f, points[i].lng + (points[i + 1].lng - points[i].lng) * f);
    }
    remaining -= lengths[i];
  }
  return points.at(-1);
}
