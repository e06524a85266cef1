// The review of an uploaded re-survey, in a panel over the left of the map: the validation report (per
// layer what was recognised and how, the records read, accepted and rejected; the findings, identical ones
// grouped with a count, sorted by severity, with file, record, field, value and reason), the differences from
// the compound's current data (per layer, and drawn on the map), and the decision: commit (after a
// confirmation; blocking findings must first be accepted with a reason) or discard.
import { onPhone, coveredBottom, onLayoutChange } from './layout.js';
import { SURVEY_DIFF, LAYOUT } from './settings.js';
import { t, hasMessage, onLanguageChange } from './i18n.js';
import { findingReason, howText } from './serverText.js';
import { getJson, sendJson, ServerError, ServerUnreachable } from './api.js';
import { dataTable, element } from './html.js';
import { drawnAs } from './diffLayer.js';
import { onSessionChange } from './session.js';
import { uploaderAllows } from './roleGate.js';

const CHANGE_COLUMNS = ['added', 'removed', 'changed', 'moved', 'unchanged', 'kept'];
const SEVERITIES = ['error', 'warning', 'info'];
/** Problems listed in the page; the rest are counted (the server lists up to 10 000 of each). */
const MAX_PROBLEM_ROWS = 1000;

export function createSurveyReview(panel, { map, diffLayer, symbols, onStaged, onFinished, onRemap }) {
  const body = panel.querySelector('.survey-body');
  const title = panel.querySelector('.survey-title');
  panel.querySelector('.survey-close').addEventListener('click', close);
  panel.querySelector('.survey-collapse').addEventListener('click', () => {
    panel.classList.toggle('collapsed');
    renderCollapseButton();
  });
  onLanguageChange(() => { if (current) render(); });
  onLayoutChange(() => renderCollapseButton());
  onSessionChange(() => { if (current) render(); }); // commit and discard are the surveyor's

  /**
   * {report, diff, status: 'loading'|'staged'|'confirming'|'committing'|'committed'|'discarding'|'discarded', error,
   *  acceptance: {checked, reason} for the blocking findings}
   */
  let current = null;

  async function show(report) {
    current = { report, diff: null, status: 'loading', error: null, acceptance: { checked: false, reason: '' } };
    panel.hidden = false;
    panel.classList.remove('collapsed');
    onStaged(report.survey_id);
    render();
    try {
      const diff = await getJson(`/api/surveys/${report.survey_id}/diff`, { labelKey: 'survey.diffTitle' });
      if (current?.report !== report) return;
      current.diff = diff;
      current.status = 'staged';
      zoomTo(diffLayer.show(diff));
    } catch (error) {
      if (current?.report !== report) return;
      current.status = 'staged';
      current.error = { action: 'diff', error };
    }
    render();
  }

  function zoomTo(bounds) {
    if (!bounds?.isValid()) return;
    // beside the panel on a wide screen; above it where it is a sheet over the bottom (a phone)
    const phone = onPhone();
    const panelWidth = phone || panel.classList.contains('collapsed') ? 0 : (panel.offsetWidth || LAYOUT.SURVEY_PANEL_WIDTH_PX);
    const covered = phone ? coveredBottom(map, panel) : 0;
    map.fitBounds(bounds, {
      maxZoom: SURVEY_DIFF.FIT_MAX_ZOOM,
      paddingTopLeft: [panelWidth + LAYOUT.FIT_PADDING_PX, LAYOUT.FIT_PADDING_PX],
      paddingBottomRight: [LAYOUT.FIT_PADDING_PX, covered + LAYOUT.FIT_PADDING_PX]
    });
  }

  function close() {
    if (current && isUndecided()) {
      panel.classList.add('collapsed'); // an undecided survey is only put aside: commit or discard it
      renderCollapseButton();
      return;
    }
    diffLayer.clear();
    current = null;
    panel.hidden = true;
  }

  function isUndecided() {
    return ['loading', 'staged', 'confirming', 'committing', 'discarding'].includes(current.status);
  }

  async function commit() {
    const codes = blockingCodes(current.report);
    const json = codes.length > 0 ? { accept: codes, reason: current.acceptance.reason.trim() } : undefined;
    await decide('committing', 'committed', () => sendJson('POST', `/api/surveys/${current.report.survey_id}/commit`, { labelKey: 'survey.commit', json }));
  }

  async function discard() {
    await decide('discarding', 'discarded', () => sendJson('DELETE', `/api/surveys/${current.report.survey_id}`, { labelKey: 'survey.discard' }));
  }

  async function decide(doing, done, request) {
    const shown = current;
    shown.status = doing;
    shown.error = null;
    render();
    try {
      await request();
      shown.status = done;
      diffLayer.clear();
      onFinished(shown.report, done);
    } catch (error) {
      shown.status = 'staged';
      shown.error = { action: doing, error };
    }
    if (current === shown) render();
  }

  function render() {
    const { report } = current;
    panel.dataset.status = current.status;
    panel.dataset.surveyId = String(report.survey_id);
    title.textContent = t('survey.title', { id: report.survey_id, compound: report.compound ?? '' });
    renderCollapseButton();
    body.replaceChildren(
      statusBox(),
      overview(report),
      section('survey.layers', null, layersTable(report)),
      mappingBox(report),
      problemsSection('errors', report.errors, report.error_count),
      problemsSection('warnings', report.warnings, report.warning_count),
      ignoredFiles(report),
      diffSection()
    );
  }

  function renderCollapseButton() {
    const button = panel.querySelector('.survey-collapse');
    const collapsed = panel.classList.contains('collapsed');
    if (onPhone()) button.textContent = collapsed ? '▴' : '▾'; // a sheet opens upwards
    else button.textContent = collapsed ? '▸' : '◂';
    button.title = t(collapsed ? 'survey.expand' : 'survey.collapse');
  }

  /** What to do now, and what went wrong (with the server's description). */
  function statusBox() {
    const box = element('div', 'survey-status');
    const { status, error } = current;
    if (error) box.append(errorBox(error));
    if (status === 'loading') box.append(element('p', 'survey-note', t('survey.loadingDiff')));
    if (status === 'staged' && blockingCodes(current.report).length > 0) box.append(blockingBox());
    if (status === 'staged') box.append(decisionButtons());
    if (status === 'confirming') box.append(confirmation());
    if (status === 'committing') box.append(element('p', 'survey-note', t('survey.committing')));
    if (status === 'discarding') box.append(element('p', 'survey-note', t('survey.discarding')));
    if (status === 'committed') box.append(element('p', 'survey-done', t('survey.committed', { compound: current.report.compound })));
    if (status === 'discarded') box.append(element('p', 'survey-done', t('survey.discarded')));
    return box;
  }

  function decisionButtons() {
    const row = element('div', 'survey-actions');
    const commitButton = element('button', 'survey-commit', t('survey.commit'));
    commitButton.type = 'button';
    commitButton.disabled = !commitAllowed(commitButton);
    commitButton.addEventListener('click', () => { current.status = 'confirming'; current.error = null; render(); });
    const discardButton = element('button', 'survey-discard', t('survey.discard'));
    discardButton.type = 'button';
    discardButton.disabled = !uploaderAllows(discardButton, current.report.uploaded_by);
    discardButton.addEventListener('click', discard);
    row.append(commitButton, discardButton);
    return row;
  }

  function commitAllowed(commitButton) {
    const allowed = uploaderAllows(commitButton, current.report.uploaded_by);
    return allowed && current.diff && acceptedRecords(current.report) > 0 && !commitRefusedForGood() && blockingAccepted();
  }

  /** A 409 on commit (the compound changed, or the survey was dealt with elsewhere) will not pass on a retry. */
  function commitRefusedForGood() {
    const { error } = current;
    return error?.action === 'committing' && error.error instanceof ServerError && error.error.status === 409
      && error.error.code !== 'BlockingFindings';
  }

  /** Blocking findings (data far from the compound, X/Y swapped …) are committed only when accepted with a reason. */
  function blockingAccepted() {
    if (blockingCodes(current.report).length === 0) return true;
    return current.acceptance.checked && current.acceptance.reason.trim() !== '';
  }

  function blockingBox() {
    const box = element('div', 'survey-blocking');
    box.setAttribute('role', 'group');
    box.append(element('p', 'survey-blocking-title', t('survey.blocking.title')));
    const list = element('ul', 'survey-blocking-list');
    (current.report.blocking ?? []).forEach((b) => {
      const item = element('li', null, `${problemLabel(b.code)}${b.count ? ` ×${b.count}` : ''}`);
      // the reason is the first finding's; the others of the code (other layers, say) are only counted
      const more = b.count > 1 ? ` ${t('survey.blocking.more', { count: b.count - 1 })}` : '';
      if (b.reason) item.append(element('div', 'cell-note', `${b.file ?? ''}: ${findingReason(b, canonicalLabel)}${more}`));
      list.append(item);
    });
    box.append(list);
    const other = (current.report.warnings ?? []).find((w) => w.code === 'other_compound_code');
    if (other) {
      box.append(element('p', 'survey-blocking-advice', t('survey.blocking.otherCompound',
        { delivered: other.value ?? '', compound: current.report.compound ?? '' })));
    }
    const label = element('label', 'survey-accept-label');
    const checkbox = element('input', 'survey-accept');
    checkbox.type = 'checkbox';
    checkbox.checked = current.acceptance.checked;
    label.append(checkbox, document.createTextNode(t('survey.blocking.accept', { compound: current.report.compound ?? '' })));
    const reason = element('textarea', 'survey-accept-reason');
    reason.rows = 2;
    reason.maxLength = 2000;
    reason.placeholder = t('survey.blocking.reasonPlaceholder');
    reason.setAttribute('aria-label', t('survey.blocking.reason'));
    reason.value = current.acceptance.reason;
    const update = () => {
      current.acceptance = { checked: checkbox.checked, reason: reason.value };
      const commitButton = panel.querySelector('.survey-commit');
      if (commitButton) commitButton.disabled = !commitAllowed(commitButton);
    };
    checkbox.addEventListener('change', update);
    reason.addEventListener('input', update);
    box.append(label, reason, element('p', 'survey-note', t('survey.blocking.recorded')));
    return box;
  }

  function confirmation() {
    const box = element('div', 'survey-confirm');
    box.setAttribute('role', 'alertdialog');
    const { report, diff } = current;
    const totals = totalChanges(diff);
    const layers = report.layers.filter((l) => !l.skipped).map((l) => layerName(l)).join('、');
    box.append(element('p', null, t('survey.confirmText', { compound: report.compound, layers, ...totals })));
    if (report.error_count > 0) box.append(element('p', 'survey-confirm-warning', t('survey.confirmRejected', { n: report.error_count })));
    const codes = blockingCodes(report);
    if (codes.length > 0) {
      box.append(element('p', 'survey-confirm-warning', t('survey.confirmAccepted', { findings: codes.map(problemLabel).join('、'), reason: current.acceptance.reason.trim() })));
    }
    const kept = diff?.summary?.obstacles?.kept ?? 0;
    if (kept > 0) box.append(element('p', null, t('survey.confirmKept', { n: kept })));
    const yes = element('button', 'survey-confirm-yes', t('survey.confirmYes'));
    yes.type = 'button';
    yes.addEventListener('click', commit);
    const no = element('button', 'survey-confirm-no', t('survey.confirmNo'));
    no.type = 'button';
    no.addEventListener('click', () => { current.status = 'staged'; render(); });
    const row = element('div', 'survey-actions');
    row.append(yes, no);
    box.append(row);
    setTimeout(() => yes.focus());
    return box;
  }

  function errorBox({ action, error }) {
    const box = element('div', 'survey-error');
    box.setAttribute('role', 'alert');
    const headline = error instanceof ServerError ? t(`survey.failed.${action}`, { status: error.status }) : t(`survey.failed.${action}`, { status: '—' });
    box.append(element('p', 'survey-error-title', headline));
    if (error instanceof ServerUnreachable) {
      box.append(element('p', null, t('upload.unreachable')));
    } else {
      box.append(element('p', 'survey-error-description', error instanceof ServerError ? error.description : error.message));
      if (error instanceof ServerError && error.status === 409) box.append(element('p', null, t('survey.conflictAdvice')));
    }
    return box;
  }

  function compoundLine(report) {
    const how = howText('compound', report.compound_said, report.compound_how);
    return `${report.compound ?? '—'}${how ? ` (${how})` : ''}`;
  }

  function overview(report) {
    const rows = [
      [t('survey.upload'), report.upload ?? ''],
      [t('survey.compound'), compoundLine(report)]
    ];
    if (report.zip_name_encoding) rows.push([t('survey.zipNames'), report.zip_name_encoding]);
    rows.push([t('survey.totals'), t('survey.totalsText', {
      read: sum(report.layers, 'read'), accepted: sum(report.layers, 'accepted'), rejected: sum(report.layers, 'rejected'),
      errors: report.error_count, warnings: report.warning_count
    })]);
    if (report.severity_counts) {
      rows.push([t('survey.bySeverity'), SEVERITIES.map((s) => `${t(`survey.severity.${s}`)} ${report.severity_counts[s] ?? 0}`).join(' · ')]);
    }
    const dl = element('dl', 'survey-overview');
    rows.forEach(([label, value]) => dl.append(element('dt', null, label), element('dd', null, value)));
    return dl;
  }

  /** A row per layer with what it was read as and its counts; under it, how each thing was found. */
  function layersTable(report) {
    const rows = report.layers.map((l) => [
      { text: l.file, className: 'survey-file' },
      l.skipped ? { text: t('survey.skipped'), className: 'survey-skipped' } : t(`survey.layer.${l.layer}`),
      l.network ? `${t(`network.${l.network}`)} (${l.network})` : t('value.none'),
      l.encoding ?? t('value.none'),
      l.crs ?? t('value.none'),
      { text: String(l.read), className: 'num' },
      { text: String(l.accepted), className: 'num' },
      { text: String(l.rejected), className: l.rejected > 0 ? 'num survey-bad' : 'num' }
    ]);
    const headers = ['survey.col.file', 'survey.col.layer', 'survey.col.network', 'survey.col.encoding', 'survey.col.crs',
      'survey.col.read', 'survey.col.accepted', 'survey.col.rejected'].map((key) => t(key));
    const table = dataTable(headers, rows, 'survey-layers');
    [...table.tBodies[0].rows].forEach((tr, i) => {
      tr.classList.add('survey-layer');
      const how = table.tBodies[0].insertRow(tr.sectionRowIndex + 1);
      how.className = 'survey-how';
      const cell = how.insertCell();
      cell.colSpan = headers.length;
      cell.append(howList(report.layers[i]));
    });
    const wrapper = element('div');
    wrapper.append(table, ...report.layers.filter((l) => !l.skipped).map(fieldMapping));
    return wrapper;
  }

  /**
   * What was not recognised, mapped by hand: a layer to each skipped file its shape allows (mappable_as), a property
   * to each unused field (mappable_fields); "upload again" discards this upload and sends the same files with that
   * mapping (the API's mapping={"layers": …, "fields": …}).
   */
  function mappingBox(report) {
    const skipped = report.layers.filter((l) => l.skipped && (l.mappable_as ?? []).length > 0);
    const unmapped = report.layers.filter((l) => !l.skipped && (l.unmapped_fields ?? []).length > 0 && (l.mappable_fields ?? []).length > 0);
    if (skipped.length === 0 && unmapped.length === 0) return document.createDocumentFragment();
    const box = element('div', 'survey-mapping');
    box.append(element('h3', null, t('survey.mapping.title')), element('p', 'survey-note', t('survey.mapping.explain')));
    const choice = (options, data, label) => {
      const select = element('select', 'survey-mapping-choice');
      select.setAttribute('aria-label', label);
      Object.assign(select.dataset, data);
      select.append(new Option(t('survey.mapping.none'), ''), ...options.map(([value, text]) => new Option(text, value)));
      select.addEventListener('change', () => { button.disabled = !chosen().any || !mayDiscard(); });
      return select;
    };
    skipped.forEach((l) => {
      const row = element('p', 'survey-mapping-row');
      row.append(element('span', 'survey-file', l.file), document.createTextNode(' → '),
        choice(l.mappable_as.map((kind) => [kind, t(`survey.layer.${kind}`)]), { layerName: l.layer_name }, l.file));
      box.append(row);
    });
    unmapped.forEach((l) => l.unmapped_fields.forEach((field) => {
      const row = element('p', 'survey-mapping-row');
      row.append(element('span', 'survey-file', `${l.file} · ${field}`), document.createTextNode(' → '),
        choice(l.mappable_fields.map((name) => [name, canonicalLabel(name)]), { kind: l.layer, field }, `${l.file} ${field}`));
      box.append(row);
    }));
    const button = element('button', 'survey-remap', t('survey.mapping.again'));
    button.type = 'button';
    const mayDiscard = () => uploaderAllows(button, report.uploaded_by); // sending again discards this upload
    button.disabled = true; // until something is chosen
    button.addEventListener('click', remap);
    box.append(button);

    function chosen() {
      const mapping = { layers: {}, fields: {} };
      let any = false;
      box.querySelectorAll('select.survey-mapping-choice').forEach((select) => {
        if (!select.value) return;
        any = true;
        if (select.dataset.layerName) mapping.layers[select.dataset.layerName] = select.value;
        else (mapping.fields[select.dataset.kind] ??= {})[select.value] = select.dataset.field;
      });
      return { mapping, any };
    }

    async function remap() {
      const { mapping } = chosen();
      await discard();
      if (current?.status === 'discarded') onRemap?.(mapping);
    }
    return box;
  }

  function howList(l) {
    const list = element('ul', 'survey-how-list');
    const entries = l.skipped ? [['skipped', l.skipped_because]]
      : [['layer', l.recognized_by], ['encoding', l.encoding_how], ['crs', l.crs_how]];
    entries.filter(([, text]) => text).forEach(([what, text]) => {
      const item = element('li');
      item.title = text; // the server's own (English, technical) account, for whoever wants the detail
      item.append(element('span', 'survey-how-label', t(`survey.how.${what}`)),
        document.createTextNode(howText(what, l.how?.[what], text)));
      list.append(item);
    });
    return list;
  }

  /** Which field of the file became which property, and the fields that were not used. */
  function fieldMapping(l) {
    const details = element('details', 'survey-fields');
    details.append(element('summary', null, t('survey.fieldsOf', { file: l.file })));
    const rows = Object.entries(l.fields ?? {}).map(([canonical, source]) => [canonicalLabel(canonical), source]);
    details.append(dataTable([t('survey.col.property'), t('survey.col.sourceField')], rows, 'survey-field-map'));
    if ((l.unmapped_fields ?? []).length > 0) {
      details.append(element('p', 'survey-note', t('survey.unmapped', { fields: l.unmapped_fields.join('、') })));
    }
    return details;
  }

  /** Findings of one list, most severe first; an entry stands for count identical findings (records: the first few). */
  function problemsSection(kind, problems, count) {
    const list = sortedBySeverity(problems ?? []);
    if (count === 0) return section(`survey.${kind}`, { n: 0 }, element('p', 'survey-note', t(`survey.no.${kind}`)));
    const rows = list.slice(0, MAX_PROBLEM_ROWS).map((p) => [
      { text: p.file ?? '', className: 'survey-file' },
      { text: p.record > 0 ? String(p.record) : t('survey.wholeLayer'), className: 'num' },
      p.field ?? '',
      { text: p.value ?? '', className: 'survey-value' },
      { text: problemLabel(p.code), note: findingReason(p, canonicalLabel) },
      severityCell(p),
      countCell(p)
    ]);
    const table = dataTable(['survey.col.file', 'survey.col.record', 'survey.col.field', 'survey.col.value', 'survey.col.reason',
      'survey.col.severity', 'survey.col.count'].map((key) => t(key)), rows, `survey-problems survey-${kind}`);
    [...table.tBodies[0].rows].forEach((tr, i) => {
      tr.classList.add(`survey-row-${list[i].severity ?? 'warning'}`);
      if (list[i].blocking) tr.classList.add('survey-row-blocking');
    });
    const content = element('div');
    content.append(table);
    if (list.length > rows.length) content.append(element('p', 'survey-note', t('survey.moreProblems', { shown: rows.length, n: list.length })));
    return section(`survey.${kind}`, { n: count }, content);
  }

  function severityCell(p) {
    const severity = p.severity ?? 'warning';
    const text = t(`survey.severity.${severity}`) + (p.blocking ? ` · ${t('survey.severity.blocking')}` : '');
    return { text, className: `survey-severity survey-severity-${severity}${p.blocking ? ' survey-blocking-finding' : ''}` };
  }

  function countCell(p) {
    const count = p.count ?? 1;
    const records = (p.records ?? []).join(', ');
    const note = count > 1 && records ? t('survey.firstRecords', { records: `${records}${count > (p.records ?? []).length ? ' …' : ''}` }) : undefined;
    return { text: String(count), className: 'num survey-count', note };
  }

  function ignoredFiles(report) {
    if (!(report.ignored_files ?? []).length) return document.createTextNode('');
    return element('p', 'survey-note', t('survey.ignoredFiles', { files: report.ignored_files.join('、') }));
  }

  function diffSection() {
    const { diff } = current;
    if (!diff) return section('survey.diffTitle', null, element('p', 'survey-note', t(current.status === 'loading' ? 'survey.loadingDiff' : 'survey.noDiff')));
    const summary = Object.entries(diff.summary ?? {});
    // field reports a re-survey leaves as they are: a column only when there are any
    const columns = CHANGE_COLUMNS.filter((c) => c !== 'kept' || summary.some(([, counts]) => counts.kept > 0));
    const rows = summary.map(([layer, counts]) => [
      t(`survey.layer.${layer}`),
      ...columns.map((column) => ({
        text: String(counts[column] ?? 0),
        className: `num diff-count-${column}`,
        color: counts[column] > 0 ? symbols.surveyDiff[drawnAs(column)]?.color : undefined
      }))
    ]);
    const table = dataTable([t('survey.col.layer'), ...columns.map((c) => t(`diff.count.${c}`))], rows, 'survey-diff-summary');
    const content = element('div');
    content.append(diffLegend(), table, element('p', 'survey-note', t('survey.diffHint')));
    return section('survey.diffTitle', null, content);
  }

  function diffLegend() {
    const list = element('ul', 'diff-legend');
    ['added', 'removed', 'changed', 'moved', 'kept'].forEach((change) => {
      const s = symbols.surveyDiff[drawnAs(change)];
      const item = element('li');
      item.innerHTML = `<svg width="28" height="10" viewBox="0 0 28 10" aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" stroke="${s.color}" stroke-width="4"${s.dashArray ? ` stroke-dasharray="${s.dashArray}"` : ''}/></svg>`;
      item.append(element('span', null, t(`diff.legend.${change}`)));
      list.append(item);
    });
    return list;
  }

  return {
    show,
    /** The survey shown and still to be decided, or null. */
    openSurveyId: () => (current && isUndecided() ? current.report.survey_id : null)
  };
}

function section(key, params, content) {
  const s = element('section', 'survey-section');
  s.append(element('h3', null, t(key, params ?? {})), content);
  return s;
}

function layerName(l) {
  const name = t(`survey.layer.${l.layer}`);
  return l.network ? `${name}（${t(`network.${l.network}`)}）` : name;
}

function canonicalLabel(name) {
  for (const key of [`field.${name}`, `field.${name}_m`, `survey.field.${name}`]) {
    if (hasMessage(key)) return `${t(key)} (${name})`;
  }
  return name;
}

const MISSING_FIELD = /^missing_(.+)$/;

function problemLabel(code) {
  if (hasMessage(`problem.${code}`)) return t(`problem.${code}`);
  const missing = MISSING_FIELD.exec(code ?? '');
  return missing ? `${t('problem.missing')}: ${canonicalLabel(missing[1])}` : (code ?? '');
}

function blockingCodes(report) {
  return [...new Set((report.blocking ?? []).map((b) => b.code))];
}

function sortedBySeverity(findings) {
  const rank = (f) => (f.blocking ? -1 : Math.max(0, SEVERITIES.indexOf(f.severity ?? 'warning')));
  return [...findings].sort((a, b) => rank(a) - rank(b));
}

function sum(layers, key) {
  return layers.reduce((total, l) => total + (l[key] ?? 0), 0);
}

function acceptedRecords(report) {
  return sum(report.layers, 'accepted');
}

function totalChanges(diff) {
  const totals = Object.fromEntries(CHANGE_COLUMNS.map((c) => [c, 0]));
  Object.values(diff?.summary ?? {}).forEach((counts) => CHANGE_COLUMNS.forEach((c) => { totals[c] += counts[c] ?? 0; }));
  return totals;
}
