// What the server says, in the user's language (issue 14 point 5). The server answers with a stable code and its
// parameters beside an English sentence for API clients; the map words it from this language's table
// (reason.<code>[.<variant>] in i18n/zh-CN.js and i18n/en.js) and shows the server's sentence only for a code it has
// no wording for.
import { t, hasMessage, language } from './i18n.js';

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
  const params = worded({ ...(finding.params ?? {}), field: finding.field ?? '', value: finding.value ?? '' });
  if (missing) {
    params.field = finding.field ?? labelOf(missing[1]);
    params.what = t(params.noField ? 'reason.missing.noField' : 'reason.missing.empty', params);
  }
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
  return t(key, worded(said.params ?? {}));
}

/**
 * A refusal ({status, code, serverDescription, body}) in the current language: its message (body.message: a code
 * and parameters) worded from error.msg.<code>; else the server's English sentence in English, and in another
 * language what its OGC error code means (error.code.<code>), never English text in a Chinese screen.
 */
export function errorText({ status, code, serverDescription, body }) {
  const message = body?.message;
  if (message && hasMessage(`error.msg.${message.code}`)) {
    const params = errorParams(message.code, message.params ?? {});
    return t(`error.msg.${message.code}`, params) + (params.tells ? t('error.tells', params) : '') + (params.findings ?? '');
  }
  if (language() === 'en' && serverDescription) return serverDescription;
  return t(hasMessage(`error.code.${code}`) ? `error.code.${code}` : 'error.code.other', { status });
}

/** The parameters of a refusal, worded: actions, statuses, roles, assignments and nested findings. */
function errorParams(code, params) {
  const out = worded(params);
  if (out.action) out.action = t(`${code === 'not_assigned' ? 'action' : 'decide'}.${out.action}`);
  if (out.status) {
    const prefix = code.startsWith('survey.') ? 'surveyStatus' : 'status';
    if (hasMessage(`${prefix}.${out.status}`)) out.status = t(`${prefix}.${out.status}`);
  }
  if (Array.isArray(out.roles)) out.roles = wordList(out.roles, 'role');
  if (Array.isArray(out.has)) out.has = wordList(out.has, 'role');
  if (out.outcome) out.outcome = t(`prj.outcome.${out.outcome}`);
  if (code === 'compound.status_back') {
    for (const key of ['from', 'to']) if (out[key] && hasMessage(`renovation_status.${out[key]}`)) out[key] = t(`renovation_status.${out[key]}`);
  }
  if (code === 'not_assigned') out.assigned = assignedText(params.compounds ?? [], params.districts ?? []);
  if (Array.isArray(out.tells)) out.tells = out.tells.length ? out.tells.map((tell) => findingReason(tell)).join(t('list.clauses')) : '';
  if (Array.isArray(out.findings)) {
    out.findings = out.findings.map((f) => `\n${t('error.finding', { file: f.file, record: f.record, reason: findingReason(f) })}`).join('');
  }
  return out;
}

function assignedText(compounds, districts) {
  const separator = t('list.separator');
  if (compounds.length && districts.length) {
    return t('assigned.both', { compounds: compounds.join(separator), districts: districts.join(separator) });
  }
  if (compounds.length) return t('assigned.compounds', { names: compounds.join(separator) });
  if (districts.length) return t('assigned.districts', { names: districts.join(separator) });
  return t('assigned.none');
}

/** Parameters that name things the map has words for (layer kinds, geometry types) in the current language. */
function worded(params) {
  const out = { ...params };
  if (out.kind && hasMessage(`survey.layer.${out.kind}`)) out.kind = t(`survey.layer.${out.kind}`);
  if (out.shape && hasMessage(`shape.${out.shape}`)) out.shape = t(`shape.${out.shape}`);
  if (Array.isArray(out.kinds)) out.kinds = wordList(out.kinds, 'survey.layer');
  if (Array.isArray(out.names)) out.names = out.names.join(t('list.separator'));
  if (out.postgis) out.postgis = validityText(out.postgis);
  if (out.name !== undefined) out.label = fieldLabel(out.name);
  if (out.earlierField !== undefined) out.earlierLabel = fieldLabel(out.earlierField);
  if (out.field && !('label' in out)) out.label = fieldLabel(out.field);
  return out;
}

function fieldLabel(name) {
  return hasMessage(`field.${name}`) ? t(`field.${name}`) : name;
}

/** PostGIS's ST_IsValidReason ("Self-intersection[621080.1 3551282.9]") in the current language. */
export function validityText(reason) {
  const m = /^([^[]+?)\s*(?:\[([^\]]*)\])?$/.exec(String(reason).trim());
  if (!m) return t('validity.other');
  const problem = hasMessage(`validity.${m[1]}`) ? t(`validity.${m[1]}`) : t('validity.other');
  return m[2] ? t('validity.at', { problem, at: m[2] }) : problem;
}

/** Values joined in the current language, each worded by prefix.<value> where the table has it. */
function wordList(values, prefix) {
  return values.map((v) => (hasMessage(`${prefix}.${v}`) ? t(`${prefix}.${v}`) : v)).join(t('list.separator'));
}

/**
 * A citation the rule files give in both languages ({citation, citation_zh} of a network rule, {clause, clause_zh,
 * clause_en} of a clearance finding), in the current one.
 */
export function citationText(source, name = 'citation') {
  const own = source?.[`${name}_${language() === 'en' ? 'en' : 'zh'}`];
  return own ?? source?.[name] ?? '';
}
