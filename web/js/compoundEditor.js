// The compound editor on the map: draw a new compound's boundary (Leaflet-Geoman, as the check tools draw) and fill
// in its register form, or edit the open compound's attributes, renovation items and boundary (move its vertices
// or draw it again). Save sends POST /api/compounds or a PATCH of what changed, with If-Match: the version read,
// so a change made meanwhile by someone else is not overwritten (412: offered to reload). The server's refusals
// are shown beside the field they name; nothing is kept half-written, and every save is a new version.
import { foldable } from './layout.js';
import { t, onLanguageChange, translatePage } from './i18n.js';
import { getJson, send, ServerError, ServerUnreachable } from './api.js';
import { showNotice, clearNotice } from './notices.js';
import { draw, cancelDrawing } from './checks/drawing.js';
import { createCompoundForm, FieldProblem } from './compoundForm.js';

const NOTICE = 'compound-editor';
const EDIT_STYLE = { color: '#d81b60', weight: 3, dashArray: '6 4', fillOpacity: 0.12, className: 'editor-boundary' };

/** The answer's tag for If-Match: GET, POST and PATCH send the version as ETag "version_id". */
const etagOf = (record) => `"${record.version_id}"`;

/**
 * element: the editor's panel. onSaved(code, record) after a write (the map, finder and panel show the new version);
 * onOpen() when the editor takes the panel's place (the feature panel closes).
 */
export function createCompoundEditor(panel, { map, onSaved, onOpen }) {
  // above the compounds and pipes, below Geoman's vertex markers (markerPane, 600)
  map.createPane('editorPane').style.zIndex = '450';
  let codes = null;
  let form = null;
  let mode = null; // 'create' | 'edit'
  let record = null; // the version being edited
  let boundary = null; // the editable L.Polygon, or null
  let boundaryChanged = false;
  let saving = false;

  panel.innerHTML = `
    <header>
      <div><span class="panel-kind" data-i18n="editor.kind"></span><h2 class="editor-title"></h2></div>
      <button type="button" class="panel-collapse" aria-expanded="true">▾</button>
      <button type="button" class="panel-close editor-close" data-i18n-title="editor.cancel" aria-label="close">×</button>
    </header>
    <div class="panel-body">
    <div class="editor-boundary-tools">
      <span class="editor-boundary-label" data-i18n="field.boundary"></span>
      <button type="button" id="editor-edit-vertices" data-i18n="editor.editVertices"></button>
      <button type="button" id="editor-redraw" data-i18n="editor.redraw"></button>
    </div>
    <p class="field-error" data-error-for="boundary" role="alert" hidden></p>
    <p class="editor-hint muted" aria-live="polite"></p>
    <div class="editor-form"></div>
    <div class="editor-reason" hidden>
      <label for="editor-reason" data-i18n="editor.reason"></label>
      <input id="editor-reason" type="text" autocomplete="off">
      <label class="editor-force"><input id="editor-force" type="checkbox"> <span data-i18n="editor.force"></span></label>
      <p class="field-error" data-error-for="reason" role="alert" hidden></p>
      <p class="field-error" data-error-for="force" role="alert" hidden></p>
    </div>
    <div class="editor-foot">
      <div class="editor-conflict" role="alert" hidden>
        <p data-i18n="editor.conflict"></p>
        <button type="button" id="editor-reload" data-i18n="editor.reload"></button>
      </div>
      <p class="editor-error" role="alert" hidden></p>
      <div class="editor-buttons">
        <button type="button" id="editor-save" class="panel-action" data-i18n="editor.save"></button>
        <button type="button" id="editor-cancel" class="tool-button secondary" data-i18n="editor.cancel"></button>
      </div>
    </div>
    </div>`;
  translatePage(panel);
  const setCollapsed = foldable(panel); // a sheet that folds to its title on a phone (issue 14 point 6)
  const $ = (selector) => panel.querySelector(selector);
  $('.editor-close').addEventListener('click', close);
  $('#editor-cancel').addEventListener('click', close);
  $('#editor-save').addEventListener('click', save);
  $('#editor-reload').addEventListener('click', () => edit(record.code));
  $('#editor-edit-vertices').addEventListener('click', toggleVertices);
  $('#editor-redraw').addEventListener('click', redraw);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target.matches('.editor-form input, #editor-reason') && !event.isComposing) save();
  });
  onLanguageChange(() => { translatePage(panel); if (mode) rebuildForm(); });

  async function loadCodes() {
    codes ??= await getJson('/api/compound-codes', { labelKey: 'editor.kind' });
    return codes;
  }

  /** A new compound: its boundary is drawn first, then the form is filled. */
  async function create() {
    try {
      await loadCodes();
    } catch (error) {
      failed(error);
      return;
    }
    open('create', null);
    hint(t('editor.hintDraw'));
    draw(map, 'Polygon', (geometry) => {
      setBoundary(geometry);
      boundaryChanged = true;
      hint(t('editor.hintForm'));
      panel.querySelector('#editor-code')?.focus();
    });
  }

  /** The compound with this code, as stored now. */
  async function edit(code) {
    let loaded;
    try {
      [, loaded] = await Promise.all([loadCodes(), getJson(`/api/compounds/${encodeURIComponent(code)}`, { labelKey: 'editor.kind' })]);
    } catch (error) {
      failed(error);
      return;
    }
    open('edit', loaded);
    setBoundary(loaded.boundary);
    boundaryChanged = false;
    hint(t('editor.hintEdit', { version: loaded.history_total }));
  }

  function open(nextMode, nextRecord) {
    cancelDrawing(map);
    removeBoundary();
    mode = nextMode;
    record = nextRecord;
    form = null; // what another compound's form held is not carried over
    onOpen?.();
    clearNotice(NOTICE); // the last save's confirmation would cover the form's foot
    panel.hidden = false;
    setCollapsed(false);
    panel.dataset.mode = mode;
    $('.editor-reason').hidden = mode !== 'edit';
    $('#editor-reason').value = '';
    $('#editor-force').checked = false;
    rebuildForm();
  }

  /** (Re)builds the form in the page's language, keeping what was typed (a fresh form: the record's values). */
  function rebuildForm() {
    const typedBefore = form ? safeValues() : null;
    form = createCompoundForm(codes, { withCode: mode === 'create' });
    $('.editor-form').replaceChildren(form.element);
    form.fill(typedBefore ?? record);
    $('.editor-title').textContent = mode === 'create' ? t('editor.newTitle') : `${record.name} (${record.code})`;
    clearMessages();
  }

  function safeValues() {
    try {
      return form.values();
    } catch {
      return null;
    }
  }

  function close() {
    cancelDrawing(map);
    removeBoundary();
    mode = null;
    record = null;
    form = null;
    $('.editor-form').replaceChildren();
    panel.hidden = true;
  }

  // ---- the boundary -------------------------------------------------------------------------------------------

  function setBoundary(geometry) {
    removeBoundary();
    if (!geometry) return;
    const depth = geometry.type === 'MultiPolygon' ? 2 : 1;
    boundary = L.polygon(L.GeoJSON.coordsToLatLngs(geometry.coordinates, depth), { ...EDIT_STYLE, pane: 'editorPane', pmIgnore: false });
    boundary.on('pm:edit', () => { boundaryChanged = true; });
    boundary.addTo(map);
  }

  function removeBoundary() {
    if (!boundary) return;
    boundary.pm?.disable();
    boundary.remove();
    boundary = null;
    $('#editor-edit-vertices').classList.remove('active');
  }

  function toggleVertices() {
    if (!boundary) {
      redraw();
      return;
    }
    if (boundary.pm.enabled()) {
      boundary.pm.disable();
      $('#editor-edit-vertices').classList.remove('active');
      hint('');
    } else {
      boundary.pm.enable({ allowSelfIntersection: true, snappable: false });
      $('#editor-edit-vertices').classList.add('active');
      hint(t('editor.hintVertices'));
    }
  }

  function redraw() {
    removeBoundary();
    hint(t('editor.hintDraw'));
    draw(map, 'Polygon', (geometry) => {
      setBoundary(geometry);
      boundaryChanged = true;
      hint('');
    });
  }

  /** The boundary as drawn now (GeoJSON in CRS84: what the map draws and the API takes by default). */
  function boundaryGeometry() {
    return boundary ? boundary.toGeoJSON().geometry : null;
  }

  // ---- saving -------------------------------------------------------------------------------------------------

  async function save() {
    if (saving) return;
    clearMessages();
    let body;
    try {
      body = mode === 'create' ? form.values() : form.changes(record);
    } catch (problem) {
      if (!(problem instanceof FieldProblem)) throw problem;
      if (!form.showError(problem.field, problem.message)) generalError(problem.message);
      return;
    }
    if (boundaryChanged) body.boundary = boundaryGeometry();
    if (mode === 'create' && !body.boundary) {
      showFieldError('boundary', t('editor.noBoundary'));
      return;
    }
    if (mode === 'edit') {
      const reason = $('#editor-reason').value.trim();
      if (Object.keys(body).length === 0) {
        hint(t('editor.nothingChanged'));
        return;
      }
      if (reason) body.reason = reason;
      if ($('#editor-force').checked) body.force = true;
    }
    saving = true;
    $('#editor-save').disabled = true;
    try {
      const saved = mode === 'create'
        ? await send('POST', '/api/compounds', body, { labelKey: 'editor.save' })
        : await send('PATCH', `/api/compounds/${encodeURIComponent(record.code)}`, body,
          { labelKey: 'editor.save', headers: { 'If-Match': etagOf(record) } });
      const created = mode === 'create';
      close();
      announce(saved, created);
      onSaved?.(saved.code, saved);
    } catch (error) {
      refused(error);
    } finally {
      saving = false;
      $('#editor-save').disabled = false;
    }
  }

  function announce(saved, created) {
    const key = created ? 'editor.created' : saved.changed ? 'editor.saved' : 'editor.unchanged';
    showNotice(NOTICE, 'info', t(key, { code: saved.code, version: saved.history_total }), { autoHideMs: 6000 });
    (saved.warnings ?? []).forEach((w, i) => showNotice(`${NOTICE}-warning-${i}`, 'error',
      t('editor.overlap', { compound: w.compound, area: w.overlap_m2 })));
  }

  function refused(error) {
    if (error instanceof ServerUnreachable) {
      generalError(t('connection.down'));
      return;
    }
    if (!(error instanceof ServerError)) {
      generalError(error.message);
      return;
    }
    if (mode === 'edit' && (error.status === 412 || error.status === 409)) {
      $('.editor-conflict').hidden = false;
      return;
    }
    const field = error.field ?? (mode === 'create' && error.status === 409 ? 'code' : null);
    if (!showFieldError(field, error.description)) generalError(t('error.server', { status: error.status, description: error.description }));
  }

  function showFieldError(field, message) {
    if (form.showError(field, message)) return true;
    // the boundary, the reason and force are the editor's own, outside the form
    const line = field ? panel.querySelector(`[data-error-for="${CSS.escape(field)}"]`) : null;
    if (!line) return false;
    line.textContent = message;
    line.hidden = false;
    if (field === 'boundary') $('.panel-body').scrollTo({ top: 0 }); else line.scrollIntoView({ block: 'center' });
    return true;
  }

  function generalError(message) {
    const line = $('.editor-error');
    line.textContent = message;
    line.hidden = false;
  }

  function clearMessages() {
    form?.clearErrors();
    panel.querySelectorAll(':scope > .field-error, .editor-reason .field-error').forEach((line) => { line.hidden = true; });
    $('.editor-error').hidden = true;
    $('.editor-conflict').hidden = true;
  }

  function failed(error) {
    if (error instanceof ServerUnreachable) return;
    showNotice(NOTICE, 'error', `${t('editor.loadFailed')}: ${error.description ?? error.message}`);
  }

  function hint(text) {
    $('.editor-hint').textContent = text;
  }

  /** codes(): the register's code tables (read once), for the feature panel's labels of renovation items. */
  return { create, edit, close, isOpen: () => mode !== null, codes: loadCodes };
}
