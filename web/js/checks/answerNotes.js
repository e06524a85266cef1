// What a dig or clearance answer says besides its findings: that (part of) the area lies outside every
// surveyed compound, where "no pipes" means "no data" (warning OUTSIDE_SURVEYED_AREA), and that the
// coordinates were read easting first although the CRS defines northing first (axis_order).
import { t } from '../i18n.js';
import { escapeHtml } from './drawing.js';

export function answerNotes(answer) {
  const notes = (answer.warnings ?? []).map((w) => `<p class="check-warning" role="alert">${escapeHtml(warningText(w, answer))}</p>`);
  if (answer.axis_order && answer.crs_axis_order && answer.axis_order !== answer.crs_axis_order) {
    notes.push(`<p class="check-note">${escapeHtml(t('axis.readOther', { read: t(`axis.${answer.axis_order}`), crs: t(`axis.${answer.crs_axis_order}`) }))}</p>`);
  }
  return notes.join('');
}

function warningText(warning, answer) {
  if (warning.code !== 'OUTSIDE_SURVEYED_AREA') return warning.description;
  if (!(answer.coverage?.fraction > 0)) return t('coverage.none');
  const percent = warning.outside_fraction * 100;
  return t('coverage.partial', { percent: percent < 1 ? percent.toFixed(2) : Math.round(percent) });
}
