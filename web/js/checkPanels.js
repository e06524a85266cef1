// What the feature panel adds from the checks: for a fire lane its status, clear-width profile, blocked
// stretches with their causes and dead ends; for a compound its parking summary and lane summary; for an
// obstacle its photo and the action that marks it resolved.
import { t, hasMessage } from './i18n.js';
import { profileChart } from './laneProfile.js';
import { roleAllows } from './roleGate.js';
import { currentUser } from './session.js';

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

function heading(key) {
  return element('h3', null, t(key));
}

function rowsTable(rows, className) {
  const table = element('table', className);
  for (const [label, value] of rows) {
    const tr = table.insertRow();
    const th = element('th', null, label);
    th.scope = 'row';
    tr.append(th);
    tr.insertCell().textContent = value;
  }
  return table;
}

const metres = (value) => `${Number(value).toFixed(2)} ${t('unit.m')}`;

/** "停车位 P01", "占道车辆 ZA1" … for a feature that blocks a lane. */
export function causeText(cause) {
  const kindKey = cause.kind === 'parking_stall' ? 'check.cause.parking_stall'
    : cause.kind === 'building' ? 'check.cause.building'
      : cause.kind === 'carriageway_width' ? 'check.cause.carriageway_width' : `obstacle.${cause.kind}`;
  const kind = hasMessage(kindKey) ? t(kindKey) : cause.kind;
  return `${kind} ${cause.source_id ?? ''} (#${cause.id})`.replace(/\s+/g, ' ');
}

/** The fire lane's check: status, profile chart, blocked stretches, dead ends. */
export function laneCheckSection(lane) {
  const section = element('section', 'lane-check');
  section.dataset.status = lane.status;
  section.append(heading('check.laneTitle'));
  const status = element('p', `lane-status lane-status-${lane.status}`, t(`check.status.${lane.status}`));
  section.append(status);
  section.append(rowsTable([
    [t('check.minClearWidth'), metres(lane.min_clear_width_m)],
    [t('check.carriageway'), `${metres(lane.carriageway_width_m)} (${t(`check.carriagewayFrom.${lane.carriageway_width_from}`)})`],
    [t('check.length'), metres(lane.length_m)]
  ], 'lane-numbers'));
  section.append(profileChart(lane));
  if (lane.blocked_stretches.length > 0) {
    section.append(heading('check.stretches'));
    const list = element('ol', 'blocked-stretches');
    for (const s of lane.blocked_stretches) {
      const item = element('li', null, t('check.stretch', {
        from: s.from_m.toFixed(1), to: s.to_m.toFixed(1), width: s.min_clear_width_m.toFixed(2)
      }));
      const causes = element('ul', 'stretch-causes');
      s.causes.forEach((c) => causes.append(element('li', null, causeText(c))));
      item.append(causes);
      if (s.unconfirmed.length > 0) item.append(element('p', 'muted', t('check.unconfirmed')));
      list.append(item);
    }
    section.append(list);
  }
  const findings = lane.dead_ends.filter((d) => d.finding);
  if (findings.length > 0) {
    section.append(heading('check.deadEnds'));
    const list = element('ul', 'dead-ends');
    findings.forEach((d) => {
      const item = element('li', null, t(`check.finding.${d.finding}`, { length: Math.round(d.length_m), side: d.turnaround_min_side_m }));
      if (d.unconfirmed.length > 0) item.append(element('span', 'muted', ` ${t('check.unconfirmed')}`));
      list.append(item);
    });
    section.append(list);
  }
  return section;
}

/** Parking and fire lane summary of a compound. */
export function compoundCheckSection(parking, lanes) {
  const section = element('section', 'compound-check');
  section.append(heading('check.parkingTitle'));
  const c = parking.counts;
  const perHousehold = (v) => (v == null ? t('value.none') : v.toFixed(2));
  section.append(rowsTable([
    [t('parking.standard'), String(c.by_kind.standard)],
    [t('parking.accessible'), String(c.by_kind.accessible)],
    [t('parking.ev'), String(c.by_kind.ev)],
    [t('check.existingStalls'), String(c.existing)],
    [t('parking.planned'), String(c.by_kind.planned)],
    [t('field.households'), c.households == null ? t('value.none') : String(c.households)],
    [t('check.perHousehold'), perHousehold(c.existing_per_household)],
    [t('check.perHouseholdWithPlanned'), perHousehold(c.with_planned_per_household)]
  ], 'parking-summary'));
  const problems = Object.entries(parking.findings_by_problem);
  if (problems.length > 0) {
    section.append(rowsTable(problems.map(([type, n]) => [t(`check.problem.${type}`), String(n)]), 'parking-problems'));
  } else {
    section.append(element('p', 'muted', t('check.noParkingProblems')));
  }
  if (lanes) {
    section.append(heading('check.lanesTitle'));
    const s = lanes.summary;
    section.append(rowsTable([
      [t('check.status.clear'), String(s.clear)],
      [t('check.status.obstructed'), String(s.obstructed)],
      [t('check.blockedStretches'), String(s.blocked_stretches)],
      [t('check.deadEndsWithoutTurnaround'), String(s.dead_ends_without_turnaround)]
    ], 'lane-summary'));
  }
  return section;
}

/** An obstacle's photo (if any) and the button that marks it resolved (if open). */
export function obstacleSection(feature, onResolve) {
  const section = element('section', 'obstacle-actions');
  const photoId = feature.properties.extra?.photo_id;
  if (photoId != null) {
    const link = element('a', 'obstacle-photo-link', t('report.photoLink'));
    link.href = `/api/obstacles/${feature.id}/photo`;
    link.target = '_blank';
    link.rel = 'noopener';
    section.append(link);
  }
  if (feature.properties.status === 'open') {
    // Resolving needs a note (what was done): the server refuses a resolution without one.
    const note = element('textarea', 'resolve-note');
    note.rows = 2;
    note.placeholder = t('report.resolveNote');
    note.setAttribute('aria-label', t('report.resolveNote'));
    note.addEventListener('input', () => note.setCustomValidity(''));
    const button = element('button', 'panel-action resolve-obstacle', t('report.resolve'));
    button.type = 'button';
    button.disabled = !roleAllows(button, 'inspector');
    note.disabled = button.disabled;
    // A second step says what will be recorded before it is: resolved, the note, and the signed-in user as who.
    const confirm = element('div', 'resolve-confirm');
    confirm.hidden = true;
    const question = element('p', 'resolve-question');
    const yes = element('button', 'panel-action resolve-yes', t('report.resolveYes'));
    const no = element('button', 'panel-action resolve-no', t('report.cancel'));
    yes.type = 'button';
    no.type = 'button';
    confirm.append(question, yes, no);
    button.addEventListener('click', () => {
      const text = note.value.trim();
      if (!text) {
        note.setCustomValidity(t('report.resolveNoteRequired'));
        note.reportValidity();
        note.focus();
        return;
      }
      question.textContent = t('report.resolveQuestion', { note: text, user: currentUser()?.username ?? '' });
      confirm.hidden = false;
      button.hidden = true;
      yes.focus();
    });
    no.addEventListener('click', () => {
      confirm.hidden = true;
      button.hidden = false;
    });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        await onResolve(feature, note.value.trim());
      } finally {
        yes.disabled = false;
      }
    });
    section.append(note, button, confirm);
  }
  return section;
}
