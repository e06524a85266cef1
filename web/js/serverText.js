// What the server says, in the user's language (issue 14 point 5). The server answers with a stable code and its
// parameters beside an English sentence for API clients; the map words it from this language's table
// (reason.<code>[.<variant>] in i18n/zh-CN.js and i18n/en.js) and shows the server's sentence only for a code it has
// no wording for.
import { t, hasMessage } from './i18n.js';

/** Codes whose wording depends on one of their parameters: the parameter's value picks the variant. */
const VARIANTS = {
  missing: (p) => p.why ?? 'needed',
  unknown_network: (p) => p.why,
  xy_swapped: (p) => p.against,
  feature_xor_appurtenance: (p) => (p.both ? 'both' : 'neither'),
  layer: (p) => p.warning,
  far_from_compound: (p) => (p.fromBoundary ? 'boundary' : 'compound'),
  end_not_on_point: (p) => p.end,
  out_of_range: (p) => (p.column ? 'column' : 'whole'),
  coordinates_looks_zone_prefixed: (p) => (p.epsg ? 'epsg' : 'plain'),
  coordinates_fits_compound_zone: (p) => (p.epsg ? 'epsg' : 'plain'),
  coordinates_axes_swapped: (p) => (p.epsg ? 'epsg' : 'plain')
};

const MISSING = /^missing_(.+)$/;

/**
 * A validation finding's reason ({file, record, field, value, code, reason, params}) in the current language.
 * labelOf(canonical) names a canonical field (管径 for size ...) where the layer has no field of its own.
 */
export function findingReason(finding, labelOf = (name) => name) {
  const missing = MISSING.exec(finding.code ?? '');
  const base = missing ? 'missing' : finding.code;
  const params = { ...(finding.params ?? {}), field: finding.field ?? '', value: finding.value ?? '' };
  if (missing) {
    params.field = finding.field ?? labelOf(missing[1]);
    params.what = t(params.noField ? 'reason.missing.noField' : 'reason.missing.empty', params);
  }
  if (params.kind && hasMessage(`survey.layer.${params.kind}`)) params.kind = t(`survey.layer.${params.kind}`);
  const variant = VARIANTS[base]?.(params);
  const key = variant ? `reason.${base}.${variant}` : `reason.${base}`;
  return hasMessage(key) ? t(key, params) : (finding.reason ?? '');
}

/**
 * How the server read a layer ({code, params} of the report's layers[].how: what = layer, encoding, crs or
 * skipped) in the current language, else its English text.
 */
export function howText(what, said, text) {
  const key = `how.${what}.${said?.code}`;
  if (!said || !hasMessage(key)) return text ?? '';
  const params = { ...said.params };
  if (params.shape && hasMessage(`shape.${params.shape}`)) params.shape = t(`shape.${params.shape}`);
  if (Array.isArray(params.kinds)) params.kinds = params.kinds.map((k) => (hasMessage(`survey.layer.${k}`) ? t(`survey.layer.${k}`) : k)).join(t('list.separator'));
  return t(key, params);
}
