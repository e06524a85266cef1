// The panel that opens on a click: all attributes of the feature under labels in the current language,
// with units, then where it came from (the survey: title, surveyor, date, who committed it) and how accurate it is.
import { t, onLanguageChange } from './i18n.js';
import { getJson, getItems, isAbort } from './api.js';
import { fieldRows, featureTitle } from './fields.js';
import { pointAccuracyText, pipeAccuracyLines } from './accuracy.js';
import { hasRole } from './session.js';
import { foldable } from './layout.js';

/** What a compound's panel counts, in this order: [collection, label]. */
const COMPOUND_CONTENTS = [
  ['buildings', 'layer.buildings'], ['pipes', 'panel.title.pipes'], ['pipe-points', 'layer.pipe-points'],
  ['fire-lanes', 'layer.fire-lanes'], ['parking', 'layer.parking'], ['obstacles', 'layer.obstacles']
];

/**
 * sections: {collection: async (feature) => () => Element} adds what a check says about the feature
 * (built again on each render, so that it follows the language).
 */
export function createFeaturePanel(element, { accuracyRules, onOpenCompound, onEditCompound, sections = {} }) {
  const surveys = new Map(); // survey id -> promise of the survey
  let current = null; // {collection, feature, layer, survey, accuracy}

  element.querySelector('.panel-close').addEventListener('click', close);
  // On a phone the panel is a bottom sheet: folded to its title it leaves the map free (issue 14 point 6).
  const setCollapsed = foldable(element);
  onLanguageChange(() => { if (current) render(); });

  function show(collection, feature, layer) {
    setCollapsed(false);
    highlight(layer);
    current = { collection, feature, layer, survey: null, accuracy: null };
    render();
    loadSurvey(current);
    loadAccuracy(current);
    if (collection === 'compounds') loadContents(current);
    loadSection(current);
  }

  async function loadSection(shown) {
    const build = sections[shown.collection];
    if (!build) return;
    try {
      shown.section = await build(shown.feature);
      if (current === shown) render();
    } catch (error) {
      if (!isAbort(error)) {
        shown.sectionError = error.description ?? error.message;
        if (current === shown) render();
      }
    }
  }

  function close() {
    highlight(null);
    current = null;
    element.hidden = true;
  }

  function highlight(layer) {
    current?.layer?.getElement?.()?.classList.remove('selected');
    layer?.getElement?.()?.classList.add('selected');
  }

  function surveyOf(id) {
    if (!surveys.has(id)) {
      const request = getJson(`/api/map/surveys/${id}`, { labelKey: 'panel.survey' });
      request.catch(() => surveys.delete(id));
      surveys.set(id, request);
    }
    return surveys.get(id);
  }

  async function loadSurvey(shown) {
    const id = shown.feature.properties.survey_id;
    if (id == null) return;
    try {
      shown.survey = await surveyOf(id);
      if (current === shown) render();
    } catch (error) {
      if (!isAbort(error)) console.info('survey not available', error.message);
    }
  }

  async function loadAccuracy(shown) {
    const p = shown.feature.properties;
    if (shown.collection === 'pipe-points') {
      shown.accuracy = [pointAccuracyText(accuracyRules, p.accuracy_class, p.well_depth_m)];
    } else if (shown.collection === 'pipes' && (p.start_no || p.end_no)) {
      const ends = await endPoints(p);
      shown.accuracy = pipeAccuracyLines(accuracyRules, p, ends);
    }
    if (current === shown) render();
  }

  async function endPoints(pipe) {
    const numbers = [pipe.start_no, pipe.end_no].filter(Boolean);
    try {
      const found = await getItems('pipe-points', { compound: pipe.compound, point_no: numbers.join(',') },
        { labelKey: 'panel.accuracy' });
      return new Map(found.features.map((f) => [f.properties.point_no, f.properties]));
    } catch {
      return new Map();
    }
  }

  /** How many buildings, pipes, points … the compound holds (numberMatched of each collection). */
  async function loadContents(shown) {
    const code = shown.feature.properties.compound;
    try {
      shown.contents = await Promise.all(COMPOUND_CONTENTS.map(async ([collection, labelKey]) => {
        const answer = await getItems(collection, { compound: code, limit: 1 }, { labelKey: 'panel.contents' });
        return [t(labelKey), answer.numberMatched];
      }));
      if (current === shown) render();
    } catch (error) {
      if (!isAbort(error)) console.info('compound contents not available', error.message);
    }
  }

  function render() {
    const { collection, feature, survey, accuracy } = current;
    const p = feature.properties;
    element.hidden = false;
    element.dataset.collection = collection;
    element.querySelector('.panel-kind').textContent = t(`panel.title.${collection}`);
    element.querySelector('.panel-title').textContent = featureTitle(collection, p);
    const body = element.querySelector('.panel-body');
    body.replaceChildren(table(fieldRows(collection, p), 'panel-fields'));
    if (collection === 'compounds' && onEditCompound && hasRole('admin')) body.append(editCompoundButton(feature));
    if (current.section) body.append(current.section());
    if (current.sectionError) body.append(Object.assign(document.createElement('p'), { className: 'muted', textContent: current.sectionError }));
    if (current.contents) body.append(heading('panel.contents'), table(current.contents.map(([label, n]) => [label, String(n)]), 'panel-contents'));
    body.append(heading('panel.survey'), table(surveyRows(p, survey, accuracy), 'panel-survey'));
    const extra = Object.entries(p.extra ?? {});
    if (extra.length > 0) body.append(heading('panel.extra'), table(extra.map(([k, v]) => [k, extraText(v)]), 'panel-extra'));
    if (collection === 'compounds') body.append(openCompoundButton(feature));
  }

  function surveyRows(p, survey, accuracy) {
    const rows = [];
    if (survey?.title) rows.push([t('field.survey_title'), survey.title]);
    if (survey?.surveyor) rows.push([t('field.surveyor'), survey.surveyor]);
    if (p.surveyed_on) rows.push([t('field.surveyed_on'), p.surveyed_on]);
    if (survey?.committed_by) rows.push([t('field.committed_by'), survey.committed_by]);
    if (survey?.committed_at) rows.push([t('field.committed_at'), survey.committed_at.slice(0, 16).replace('T', ' ')]);
    (accuracy ?? []).forEach((line, i) => rows.push([i === 0 ? t('panel.accuracy') : '', line]));
    if (p.survey_id != null && !survey) rows.push(['', t('panel.surveyLoading')]);
    return rows;
  }

  function openCompoundButton(feature) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'panel-action';
    button.textContent = t('panel.openCompound');
    button.addEventListener('click', () => onOpenCompound(feature));
    return button;
  }

  function editCompoundButton(feature) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'panel-action secondary edit-compound';
    button.textContent = t('editor.editThis');
    button.addEventListener('click', () => onEditCompound(feature.properties.compound));
    return button;
  }

  /** Shows the panel's feature again (after it changed: a new version of an obstacle). */
  return { show, close, current: () => current };
}

function extraText(value) {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function heading(key) {
  const h = document.createElement('h3');
  h.textContent = t(key);
  return h;
}

function table(rows, className) {
  const tableElement = document.createElement('table');
  tableElement.className = className;
  for (const [label, value] of rows) {
    const tr = tableElement.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = label;
    const td = tr.insertCell();
    td.textContent = value;
    tr.prepend(th);
  }
  return tableElement;
}
