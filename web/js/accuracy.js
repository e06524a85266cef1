// Survey accuracy of pipe points and of a pipe's two ends, from /data/survey-accuracy.json (CJJ 61):
// a visible point (measured in an open well) is good to ±25 mm in depth; a hidden one (found by
// instrument) to ±0.05·h in plan and ±0.075·h in depth, h its depth (at least 1 m).
import { t } from './i18n.js';
import { LAYOUT } from './settings.js';

function metres(value) {
  return Number(value).toFixed(LAYOUT.LENGTH_DECIMALS);
}

/** Text for one point of class accuracyClass ('visible' | 'hidden') at depth (m, may be null). */
export function pointAccuracyText(rules, accuracyClass, depth) {
  if (accuracyClass === 'visible') {
    return t('panel.accuracyVisible', { depth: metres(rules.visible.depthToleranceM) });
  }
  if (accuracyClass === 'hidden') {
    const h = Math.max(Number(depth ?? 0), rules.hidden.minDepthM);
    return t('panel.accuracyHidden', {
      plan: metres(rules.hidden.planRmsPerDepth * h),
      depth: metres(rules.hidden.depthRmsPerDepth * h)
    });
  }
  return t('panel.accuracyUnknown');
}

/** Lines of text for a pipe: one per end, from the classes of its end points (pointsByNo: point_no -> properties). */
export function pipeAccuracyLines(rules, pipe, pointsByNo) {
  const ends = [['panel.start', pipe.start_no, pipe.start_depth_m], ['panel.end', pipe.end_no, pipe.end_depth_m]];
  return ends.map(([labelKey, pointNo, depth]) => {
    const point = pointsByNo.get(pointNo);
    const text = point ? pointAccuracyText(rules, point.accuracy_class, depth) : t('panel.accuracyUnknown');
    return t('panel.accuracyAt', { end: `${t(labelKey)} ${pointNo ?? ''}`.trim(), text });
  });
}
