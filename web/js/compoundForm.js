// The compound register's form, made from what GET /api/compound-codes says: one input per register field (its
// kind gives the input: text, whole number, decimal, date, yes/no, or a code table's select), then the renovation
// items with planned and done quantities (the boundary, drawn on the map, is the editor's). It reads what was typed as the JSON a POST or PATCH sends (a PATCH only
// what differs from the version read) and shows the server's refusals beside the field they name.
import { t, language } from './i18n.js';
import { element } from './html.js';

/** How the form groups the register's fields; a field the server lists and no group names goes to "other". */
const GROUPS = [
  ['editor.group.identity', ['name', 'district', 'street', 'community', 'address']],
  ['editor.group.scale', ['built_year', 'building_count', 'storeys', 'households', 'residents', 'site_area_m2', 'floor_area_m2']],
  ['editor.group.renovation', ['renovation_category', 'renovation_year', 'renovation_status', 'planned_on', 'started_on',
    'completed_on', 'accepted_on']],
  ['editor.group.funding', ['funding_central_10k_yuan', 'funding_provincial_10k_yuan', 'funding_local_10k_yuan',
    'funding_resident_10k_yuan']],
  ['editor.group.governance', ['property_management', 'owners_committee']]
];
const NUMBER_KINDS = new Set(['year', 'count', 'positive_count', 'area', 'funding']);
const WHOLE_KINDS = new Set(['year', 'count', 'positive_count']);
const QUANTITIES = ['planned_quantity', 'done_quantity'];

/** A typed value the form cannot send (no number at all), about one field. */
export class FieldProblem extends Error {
  constructor(field, message) {
    super(message);
    this.field = field;
  }
}

/** The label of a code table entry (status, category, item, unit) in the page's language. */
export function codeLabel(entry) {
  return entry?.[language()] ?? entry?.en ?? entry?.code ?? '';
}

/** The feature panel's table of a compound's renovation items (planned and done), or null when it has none. */
export function renovationItemsSection(codes, items) {
  const entries = codes.items.filter((item) => items?.[item.code]);
  if (entries.length === 0) return null;
  const units = new Map(codes.units.map((u) => [u.code, u]));
  const section = element('section', 'renovation-items');
  section.append(element('h3', null, t('editor.group.items')));
  const table = element('table', 'panel-items');
  for (const item of entries) {
    const { planned_quantity: planned, done_quantity: done } = items[item.code];
    const tr = table.insertRow();
    const th = element('th', null, `${codeLabel(item)} (${codeLabel(units.get(item.unit))})`);
    th.scope = 'row';
    tr.append(th);
    tr.insertCell().textContent = `${planned ?? '—'} / ${done ?? '—'}`;
  }
  section.append(table);
  return section;
}

/**
 * codes: the answer of /api/compound-codes. Returns {element, fill(record), values(), changes(record), showError,
 * clearErrors, focusField} — record is a GET /api/compounds/{code} answer (null for a new compound).
 */
export function createCompoundForm(codes, { withCode }) {
  const form = element('div', 'compound-form');
  const inputs = new Map(); // field name -> input or select
  const kinds = new Map(codes.fields.map((f) => [f.name, f.kind]));
  const itemInputs = new Map(); // item code -> {planned_quantity, done_quantity}

  if (withCode) form.append(row('code', textInput('code', codes.limits.max_code_chars)));
  const grouped = new Set(GROUPS.flatMap(([, names]) => names));
  const groups = [...GROUPS, ['editor.group.other', codes.fields.map((f) => f.name).filter((n) => !grouped.has(n))]];
  for (const [titleKey, names] of groups) {
    const present = names.filter((n) => kinds.has(n));
    if (present.length === 0) continue;
    const set = element('fieldset', 'editor-group');
    set.append(element('legend', null, t(titleKey)));
    present.forEach((name) => set.append(row(name, fieldInput(name, kinds.get(name)))));
    form.append(set);
  }
  form.append(itemsTable());

  function fieldInput(name, kind) {
    if (kind === 'status') return select(name, codes.statuses);
    if (kind === 'category') return select(name, codes.renovation_categories);
    if (kind === 'flag') {
      return select(name, [{ code: 'true', label: t('editor.yes') }, { code: 'false', label: t('editor.no') }]);
    }
    if (kind === 'date') return Object.assign(element('input'), { type: 'date', name, id: `editor-${name}` });
    if (NUMBER_KINDS.has(kind)) return numberInput(name, WHOLE_KINDS.has(kind) ? '1' : 'any');
    const input = textInput(name, kind === 'name' ? codes.limits.max_name_chars : codes.limits.max_text_chars);
    if (name === 'district') offerDistricts(input);
    return input;
  }

  /** District is free text; the list offers the districts the register holds (the most compounds first). */
  function offerDistricts(input) {
    const list = Object.assign(element('datalist'), { id: 'editor-districts' });
    (codes.districts ?? []).forEach((d) => list.append(Object.assign(element('option'), { value: d })));
    input.setAttribute('list', list.id);
    form.append(list);
  }

  function textInput(name, maxLength) {
    const input = Object.assign(element('input'), { type: 'text', name, id: `editor-${name}`, autocomplete: 'off' });
    if (maxLength) input.maxLength = maxLength;
    return input;
  }

  function numberInput(name, step) {
    return Object.assign(element('input'), { type: 'number', name, id: `editor-${name}`, step, inputMode: 'decimal' });
  }

  function select(name, entries) {
    const box = Object.assign(element('select'), { name, id: `editor-${name}` });
    box.append(Object.assign(element('option', null, t('editor.unset')), { value: '' }));
    entries.forEach((e) => box.append(Object.assign(element('option', null, e.label ?? codeLabel(e)), { value: e.code })));
    return box;
  }

  function row(name, input) {
    inputs.set(name, input);
    const wrap = element('div', 'editor-field');
    wrap.dataset.field = name;
    const label = element('label', null, fieldLabel(name));
    label.htmlFor = input.id;
    wrap.append(label, input, errorLine(name));
    return wrap;
  }

  function fieldLabel(name) {
    const unit = name.endsWith('_10k_yuan') ? ` (${t('unit.10kYuan')})` : name.endsWith('_m2') ? ` (${t('unit.m2')})` : '';
    const required = name === 'code' || name === 'name' ? ' *' : '';
    return `${t(`field.${name}`)}${unit}${required}`;
  }

  function errorLine(name) {
    const line = element('p', 'field-error');
    line.dataset.errorFor = name;
    line.setAttribute('role', 'alert');
    line.hidden = true;
    return line;
  }

  function itemsTable() {
    const set = element('fieldset', 'editor-group editor-items');
    set.append(element('legend', null, t('editor.group.items')));
    const table = element('table', 'editor-items-table');
    const head = table.createTHead().insertRow();
    [t('editor.item'), t('editor.planned'), t('editor.done')].forEach((text) => head.append(element('th', null, text)));
    const units = new Map(codes.units.map((u) => [u.code, u]));
    const body = table.createTBody();
    for (const category of codes.item_categories) {
      const heading = body.insertRow();
      heading.className = 'editor-item-category';
      const cell = heading.insertCell();
      cell.colSpan = 3;
      cell.textContent = codeLabel(category);
      for (const item of codes.items.filter((i) => i.category === category.code)) {
        const tr = body.insertRow();
        tr.dataset.item = item.code;
        const label = tr.insertCell();
        label.textContent = `${codeLabel(item)} (${codeLabel(units.get(item.unit))})`;
        const boxes = {};
        for (const quantity of QUANTITIES) {
          const input = numberInput(`items.${item.code}.${quantity}`, 'any');
          input.min = '0';
          input.setAttribute('aria-label', `${codeLabel(item)} ${t(quantity === 'planned_quantity' ? 'editor.planned' : 'editor.done')}`);
          boxes[quantity] = input;
          tr.insertCell().append(input);
        }
        itemInputs.set(item.code, boxes);
        const errorRow = body.insertRow();
        const errorCell = errorRow.insertCell();
        errorCell.colSpan = 3;
        errorCell.append(errorLine(`items.${item.code}`));
      }
    }
    set.append(table);
    return set;
  }

  /** Puts a record's values into the inputs (a new compound: all empty). */
  function fill(record) {
    inputs.forEach((input, name) => {
      const value = record?.[name];
      input.value = value == null ? '' : String(value);
    });
    itemInputs.forEach((boxes, code) => QUANTITIES.forEach((q) => {
      const value = record?.items?.[code]?.[q];
      boxes[q].value = value == null ? '' : String(value);
    }));
    clearErrors();
  }

  /** The typed value of a field as JSON (null when empty); throws FieldProblem for what is no number at all. */
  function typed(name, input) {
    if (input.validity?.badInput) throw new FieldProblem(name, t('editor.notANumber'));
    const text = input.value.trim();
    if (text === '') return null;
    const kind = name === 'code' ? 'text' : kinds.get(name);
    if (kind === 'flag') return text === 'true';
    if (NUMBER_KINDS.has(kind) || name.startsWith('items.')) return Number(text);
    return text;
  }

  function itemValues(code) {
    const boxes = itemInputs.get(code);
    return Object.fromEntries(QUANTITIES.map((q) => [q, typed(`items.${code}.${q}`, boxes[q])]));
  }

  /** Every field typed, for a POST: empty fields and items are left out. */
  function values() {
    const body = {};
    inputs.forEach((input, name) => {
      const value = typed(name, input);
      if (value !== null) body[name] = value;
    });
    const items = {};
    itemInputs.forEach((_, code) => {
      const v = itemValues(code);
      if (QUANTITIES.some((q) => v[q] !== null)) items[code] = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null));
    });
    if (Object.keys(items).length > 0) body.items = items;
    return body;
  }

  /**
   * What differs from record, as a JSON merge patch: a field emptied is null; an item whose quantities are both
   * emptied is removed (null), otherwise only the quantities that changed are sent.
   */
  function changes(record) {
    const patch = {};
    inputs.forEach((input, name) => {
      const value = typed(name, input);
      if (!same(value, record[name])) patch[name] = value;
    });
    const items = {};
    itemInputs.forEach((_, code) => {
      const now = itemValues(code);
      const was = record.items?.[code];
      if (!was) {
        const given = Object.fromEntries(Object.entries(now).filter(([, x]) => x !== null));
        if (Object.keys(given).length > 0) items[code] = given;
      } else if (QUANTITIES.every((q) => now[q] === null)) {
        items[code] = null;
      } else {
        const changed = Object.fromEntries(QUANTITIES.filter((q) => !same(now[q], was[q])).map((q) => [q, now[q]]));
        if (Object.keys(changed).length > 0) items[code] = changed;
      }
    });
    if (Object.keys(items).length > 0) patch.items = items;
    return patch;
  }

  function same(value, stored) {
    if (value === null || stored === null || stored === undefined) return value === null && (stored ?? null) === null;
    return typeof value === 'number' ? value === Number(stored) : String(value) === String(stored);
  }

  /**
   * Shows message beside the field it is about (an item's quantity: under that item's row); answers whether the
   * form has such a field.
   */
  function showError(field, message) {
    const name = field?.startsWith('items.') ? field.split('.').slice(0, 2).join('.') : field;
    const line = form.querySelector(`[data-error-for="${CSS.escape(name ?? '')}"]`);
    if (!line) return false;
    line.textContent = message;
    line.hidden = false;
    const input = inputs.get(field) ?? inputFor(field);
    input?.setAttribute('aria-invalid', 'true');
    (input ?? line).scrollIntoView({ block: 'center' }); // clear of the sticky foot
    return true;
  }

  function inputFor(field) {
    const [, code, quantity] = field?.split('.') ?? [];
    return itemInputs.get(code)?.[quantity] ?? null;
  }

  function clearErrors() {
    form.querySelectorAll('.field-error').forEach((line) => { line.hidden = true; line.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
  }

  return { element: form, fill, values, changes, showError, clearErrors };
}
