// What the feature panel shows for each collection: the properties in order, each with how its value
// is written. Labels are 'field.<name>' in the message tables; enumerations are '<name>.<value>'.
import { t, hasMessage } from './i18n.js';
import { LAYOUT } from './settings.js';

const PROVENANCE = ['source_id']; // the survey date and accuracy are in the panel's survey section

export const FIELDS = {
  // the register's fields (GET /api/compound-codes lists them), in the order of its form
  compounds: ['compound', 'name', 'district', 'street', 'community', 'address', 'built_year', 'building_count', 'storeys',
    'households', 'residents', 'site_area_m2', 'floor_area_m2', 'renovation_category', 'renovation_year',
    'renovation_status', 'planned_on', 'started_on', 'completed_on', 'accepted_on', 'funding_central_10k_yuan',
    'funding_provincial_10k_yuan', 'funding_local_10k_yuan', 'funding_resident_10k_yuan', 'property_management',
    'owners_committee'],
  buildings: ['name', 'floors', 'has_elevator', 'structure', 'built_year', 'compound'],
  pipes: ['network', 'subtype', 'start_no', 'end_no', 'size', 'material', 'start_depth_m', 'end_depth_m',
    'start_elevation_m', 'end_elevation_m', 'depth_reference', 'flow_direction', 'burial_method', 'pressure_class',
    'voltage_kv', 'cable_count', 'owner', 'build_year', 'road', 'status', 'compound'],
  'pipe-points': ['point_no', 'network', 'appurtenance', 'feature', 'ground_elevation_m', 'well_depth_m', 'cover_label',
    'accuracy_class', 'compound'],
  'fire-lanes': ['name', 'required_width_m', 'carriageway_width_m', 'compound'],
  parking: ['stall_no', 'kind', 'compound'],
  obstacles: ['kind', 'note', 'observed_on', 'status', 'compound']
};

const ENUMERATIONS = new Set(['depth_reference', 'flow_direction', 'status', 'renovation_status', 'renovation_category',
  'accuracy_class', 'pressure_class']);
const AREAS = new Set(['site_area_m2', 'floor_area_m2']);
const FLAGS = new Set(['has_elevator', 'property_management', 'owners_committee']);
const METRES = new Set(['start_depth_m', 'end_depth_m', 'start_elevation_m', 'end_elevation_m', 'ground_elevation_m',
  'well_depth_m', 'required_width_m', 'carriageway_width_m']);
const YEARS = new Set(['built_year', 'build_year', 'renovation_year']);

function lengthText(value) {
  return `${Number(value).toFixed(LAYOUT.LENGTH_DECIMALS)} ${t('unit.m')}`;
}

/** A pipe's size as surveyors write it: DN400, or width×height for ducts. */
export function sizeText(p) {
  if (p.dn_mm != null) return `DN${p.dn_mm}`;
  if (p.width_mm != null && p.height_mm != null) return `${p.width_mm}×${p.height_mm}`;
  return p.size_text ?? null;
}

function kindText(collection, value) {
  const key = collection === 'parking' ? `parking.${value}` : `obstacle.${value}`;
  return hasMessage(key) ? t(key) : value;
}

/** The value of field for the panel, or null when there is nothing to show. */
export function formatField(collection, name, p) {
  if (name === 'size') return sizeText(p);
  const value = p[name];
  if (value == null || value === '') return null;
  if (name === 'network') return `${t(`network.${value}`)} (${value})`;
  if (name === 'kind') return kindText(collection, value);
  if (ENUMERATIONS.has(name)) return hasMessage(`${name}.${value}`) ? t(`${name}.${value}`) : value;
  if (METRES.has(name)) return lengthText(value);
  if (YEARS.has(name)) return t('value.year', { year: value });
  if (AREAS.has(name)) return `${Number(value).toLocaleString()} ${t('unit.m2')}`;
  if (name.endsWith('_10k_yuan')) return `${Number(value).toLocaleString()} ${t('unit.10kYuan')}`;
  if (name === 'households') return `${value} ${t('unit.households')}`;
  if (name === 'residents') return `${value} ${t('unit.residents')}`;
  if (name === 'building_count') return `${value} ${t('unit.buildings')}`;
  if (name === 'floors' || name === 'storeys') return `${value} ${t('unit.floors')}`;
  if (name === 'voltage_kv') return `${value} ${t('unit.kv')}`;
  if (name === 'cable_count') return `${value} ${t('unit.cables')}`;
  if (FLAGS.has(name)) return t(value ? 'value.yes' : 'value.no');
  return String(value);
}

function fieldLabelKey(collection, name) {
  return collection === 'compounds' && name === 'compound' ? 'field.code' : `field.${name}`;
}

/** [label, value] rows of the collection's fields that have a value, then the provenance ones. */
export function fieldRows(collection, properties) {
  return [...(FIELDS[collection] ?? []), ...PROVENANCE]
    .map((name) => [t(fieldLabelKey(collection, name)), formatField(collection, name, properties)])
    .filter(([, value]) => value != null);
}

/** The panel's heading for a feature. */
export function featureTitle(collection, p) {
  switch (collection) {
    case 'compounds': return `${p.name} (${p.compound})`;
    case 'pipes': return `${t('networkPipe', { network: t(`network.${p.network}`) })} ${p.start_no ?? ''}–${p.end_no ?? ''} ${sizeText(p) ?? ''}`.trim();
    case 'pipe-points': return `${p.point_no} ${p.appurtenance ?? p.feature ?? ''}`.trim();
    case 'parking': return `${t('panel.title.parking')} ${p.stall_no ?? ''}`.trim();
    case 'obstacles': return kindText('obstacles', p.kind);
    default: return p.name ? `${t(`panel.title.${collection}`)} ${p.name}` : t(`panel.title.${collection}`);
  }
}
