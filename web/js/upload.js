// The upload form of a re-survey: files dropped on the card or picked (a .zip, or the loose
// .shp/.shx/.dbf/.prj/.cpg files), the compound (by default the one open on the map; others are found by the
// server's compound search as the code, name or pinyin initials are typed; or, ticked "codes from the boundary
// layer" — the default while no compound is open —, none: the code in the zip's 小区边界 layer decides, so a new
// compound is created, else the compound the data lies in), crs and encoding;
// a progress bar while the files are sent, then an indicator while the server reads and checks them.
// A refusal (4xx) is shown with the server's own description; when it asks for crs, the crs field is
// marked and the same files can be sent again.
import { UPLOAD } from './settings.js';
import { escapeHtml } from './html.js';
import { t, onLanguageChange } from './i18n.js';
import { getJson, postForm, ServerError, ServerUnreachable } from './api.js';
import { createCompoundPicker } from './compoundPicker.js';

const BYTES_PER_KB = 1024;
const BYTES_PER_MB = 1024 * 1024;
const CRS_CODES = new Set(['CrsRequired', 'InvalidCrs']);

export function createUploadForm(element, { onReport }) {
  const input = element.querySelector('#upload-files');
  const fileList = element.querySelector('#upload-file-list');
  const compoundInput = element.querySelector('#upload-compound');
  const byBoundaryBox = element.querySelector('#upload-by-boundary');
  const crsInput = element.querySelector('#upload-crs');
  const encodingSelect = element.querySelector('#upload-encoding');
  const sendButton = element.querySelector('#upload-send');
  const progress = element.querySelector('#upload-progress');
  const progressBar = progress.querySelector('progress');
  const progressText = progress.querySelector('.upload-progress-text');
  const message = element.querySelector('#upload-message');
  const staged = element.querySelector('#upload-staged');

  let files = [];
  let ignored = [];
  let openCompound = null;
  let compoundChosenByUser = false;
  let byBoundaryChosenByUser = false; // else ticked exactly while no compound is open
  let compoundCode = ''; // the field's code, kept while the box is ticked (the field then shows it is not sent)
  let blockedBy = null; // the survey under review: one at a time
  let state = 'idle';
  let lastError = null;
  let lastProgress = null;
  let waiting = null; // a staged survey of the open compound, left from an earlier visit

  input.addEventListener('change', () => {
    addFiles([...input.files]);
    input.value = '';
  });
  listenForDrops();
  compoundInput.addEventListener('input', () => {
    compoundChosenByUser = true;
    compoundCode = compoundInput.value;
  });
  byBoundaryBox.addEventListener('change', () => {
    byBoundaryChosenByUser = true;
    compoundPicker.clear();
    renderCompounds();
    render();
  });
  const compoundPicker = createCompoundPicker({
    input: compoundInput,
    list: element.querySelector('#upload-compound-list'),
    status: element.querySelector('#upload-compound-status'),
    more: element.querySelector('#upload-compound-more'),
    listEmptyQuery: false,
    renderItem: (found) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'finder-item';
      button.textContent = `${found.code} ${found.name}`;
      return button;
    },
    onPick: (found) => {
      compoundInput.value = found.code;
      compoundCode = found.code;
      compoundChosenByUser = true;
      compoundPicker.clear();
    }
  });
  crsInput.addEventListener('input', () => crsInput.classList.remove('needs-value'));
  sendButton.addEventListener('click', send);
  staged.querySelector('button').addEventListener('click', reopenWaiting);
  fileList.addEventListener('click', (event) => {
    const index = event.target.dataset.remove;
    if (index !== undefined) {
      files.splice(Number(index), 1);
      render();
    }
  });
  onLanguageChange(() => render());

  function listenForDrops() {
    let depth = 0; // dragenter/dragleave fire for every child element crossed
    const carriesFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
    element.addEventListener('dragenter', (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth += 1;
      element.classList.add('drag-over');
    });
    element.addEventListener('dragover', (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    });
    element.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) element.classList.remove('drag-over');
    });
    element.addEventListener('drop', (event) => {
      event.preventDefault();
      depth = 0;
      element.classList.remove('drag-over');
      addFiles([...(event.dataTransfer?.files ?? [])]);
    });
    // A file dropped beside the card must not make the browser leave the map to show it.
    window.addEventListener('dragover', (event) => { if (carriesFiles(event)) event.preventDefault(); });
    window.addEventListener('drop', (event) => { if (carriesFiles(event)) event.preventDefault(); });
  }

  function extensionOf(name) {
    const dot = name.lastIndexOf('.');
    return dot < 0 ? '' : name.slice(dot).toLowerCase();
  }

  /** Keeps the files the server takes (a later file of the same name replaces the earlier one). */
  function addFiles(added) {
    if (state === 'sending' || state === 'processing') return;
    ignored = added.filter((f) => !UPLOAD.EXTENSIONS.includes(extensionOf(f.name))).map((f) => f.name);
    const wanted = added.filter((f) => UPLOAD.EXTENSIONS.includes(extensionOf(f.name)));
    files = [...files.filter((f) => !wanted.some((w) => w.name === f.name)), ...wanted];
    lastError = null;
    setState(files.length > 0 ? 'ready' : 'idle');
  }

  /** Shapefiles sent loose without their .shx or .dbf: the server would refuse them. */
  function missingParts() {
    const loose = files.filter((f) => extensionOf(f.name) !== '.zip');
    const stems = new Set(loose.map((f) => f.name.slice(0, f.name.lastIndexOf('.')).toLowerCase()));
    const missing = [];
    stems.forEach((stem) => {
      UPLOAD.REQUIRED_PARTS.forEach((part) => {
        if (!loose.some((f) => f.name.toLowerCase() === stem + part)) missing.push(stem + part);
      });
    });
    return missing;
  }

  async function send() {
    if (files.length === 0 || blockedBy != null || state === 'sending' || state === 'processing') return;
    await post({ files: [...files], compound: chosenCompound(), crs: crsInput.value.trim(), encoding: encodingSelect.value });
  }

  /** The files and choices of the last upload, for sending them again with a layer and field mapping. */
  let lastSent = null;

  async function post(upload, mapping = null) {
    lastSent = upload;
    const form = new FormData();
    upload.files.forEach((file) => form.append('file', file, file.name));
    if (upload.compound) form.append('compound', upload.compound);
    if (upload.crs) form.append('crs', upload.crs);
    if (upload.encoding) form.append('encoding', upload.encoding);
    if (mapping) form.append('mapping', JSON.stringify(mapping));
    lastError = null;
    lastProgress = { loaded: 0, total: upload.files.reduce((sum, f) => sum + f.size, 0) };
    setState('sending');
    try {
      const report = await postForm('/api/surveys', form, {
        onProgress: (p) => { lastProgress = p; renderProgress(); },
        onSent: () => setState('processing')
      });
      files = [];
      setState('done');
      onReport(report);
    } catch (error) {
      lastError = error;
      const asksForCrs = error instanceof ServerError && CRS_CODES.has(error.code);
      crsInput.classList.toggle('needs-value', asksForCrs);
      setState('refused');
      message.scrollIntoView({ block: 'nearest' });
      if (asksForCrs) crsInput.focus();
    }
  }

  /** The compound= to send: none when the boundary layer's codes (else the data's location) decide. */
  function chosenCompound() {
    return byBoundaryBox.checked ? null : compoundInput.value.trim() || null; // the field as typed, picked or given
  }

  function setState(next) {
    state = next;
    element.dataset.state = next;
    render();
  }

  function render() {
    renderFiles();
    renderProgress();
    renderMessage();
    const busy = state === 'sending' || state === 'processing';
    sendButton.disabled = files.length === 0 || busy || blockedBy != null;
    sendButton.textContent = t(state === 'refused' ? 'upload.retry' : 'upload.send');
    [input, byBoundaryBox, crsInput, encodingSelect].forEach((el) => { el.disabled = busy; });
    compoundInput.disabled = busy || byBoundaryBox.checked;
    compoundInput.placeholder = t(byBoundaryBox.checked ? 'upload.fromData' : 'upload.compoundByLocation');
  }

  function renderFiles() {
    const rows = files.map((f, i) => `<li><span class="upload-file-name">${escapeHtml(f.name)}</span>
      <span class="upload-file-size">${escapeHtml(megabytes(f.size))}</span>
      <button type="button" class="upload-file-remove" data-remove="${i}" title="${escapeHtml(t('upload.remove'))}">×</button></li>`);
    fileList.innerHTML = rows.join('');
    fileList.hidden = files.length === 0;
  }

  /**
   * The compound choice: the open compound unless the user chose another code; while none is open, and unless
   * the user said otherwise, the boundary layer's codes (the field then empty and greyed, its code kept).
   */
  function renderCompounds() {
    if (!compoundChosenByUser) compoundCode = openCompound ?? '';
    if (!byBoundaryChosenByUser) byBoundaryBox.checked = openCompound == null && !compoundChosenByUser;
    compoundInput.value = byBoundaryBox.checked ? '' : compoundCode;
  }

  function renderProgress() {
    const showing = state === 'sending' || state === 'processing';
    progress.hidden = !showing;
    if (!showing) return;
    if (state === 'sending') {
      const { loaded, total } = lastProgress;
      const percent = total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
      progressBar.max = 100;
      progressBar.value = percent;
      progressText.textContent = t('upload.sending', { percent, loaded: megabytes(loaded), total: megabytes(total) });
    } else {
      progressBar.removeAttribute('value'); // indeterminate: the server gives no progress while it checks
      progressText.textContent = t('upload.processing');
    }
  }

  function renderMessage() {
    const lines = [];
    let kind = 'info';
    if (blockedBy != null) lines.push(t('upload.blocked', { id: blockedBy }));
    if (ignored.length > 0) lines.push(t('upload.ignored', { files: ignored.join('、') }));
    const missing = missingParts();
    if (missing.length > 0 && state === 'ready') lines.push(t('upload.missingParts', { files: missing.join('、') }));
    if (state === 'done') lines.push(t('upload.done'));
    if (state === 'refused' && lastError) {
      kind = 'error';
      lines.unshift(...refusalLines(lastError));
    }
    message.className = `upload-message upload-message-${kind}`;
    message.hidden = lines.length === 0;
    message.replaceChildren(...lines.map((line, i) => {
      const p = document.createElement('p');
      if (i === 0 && kind === 'error') p.className = 'upload-refusal-title';
      p.textContent = line;
      return p;
    }));
    const suggested = state === 'refused' ? lastError?.body?.suggested_crs : null;
    if (suggested) message.append(suggestionButton(suggested));
  }

  /** The CRS the coordinates point to, one click from the crs field (the user still sends it again). */
  function suggestionButton(crs) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'upload-use-crs';
    button.textContent = t('upload.useCrs', { crs });
    button.addEventListener('click', () => {
      crsInput.value = crs;
      crsInput.classList.remove('needs-value');
      sendButton.focus();
    });
    return button;
  }

  /** An upload staged but neither committed nor discarded (the page was closed meanwhile) can be reopened. */
  async function lookForWaiting(code) {
    waiting = null;
    renderWaiting();
    if (code == null) return;
    try {
      const answer = await getJson(`/api/surveys?compound=${encodeURIComponent(code)}&status=staged`, { labelKey: 'upload.title' });
      if (code !== openCompound) return;
      waiting = answer.surveys[0] ?? null;
    } catch {
      waiting = null; // the map shows server errors already; the card simply offers nothing
    }
    renderWaiting();
  }

  function renderWaiting() {
    staged.hidden = waiting == null || blockedBy != null;
    if (!staged.hidden) {
      staged.querySelector('p').textContent = t('upload.stagedWaiting',
        { id: waiting.survey_id, name: waiting.upload_name ?? '', n: waiting.accepted });
    }
  }

  async function reopenWaiting() {
    if (waiting == null) return;
    const report = await getJson(`/api/surveys/${waiting.survey_id}/report`, { labelKey: 'upload.reopen' });
    waiting = null;
    renderWaiting();
    onReport(report);
  }

  function refusalLines(error) {
    if (error instanceof ServerUnreachable) return [t('upload.unreachable')];
    if (!(error instanceof ServerError)) return [error.message];
    const lines = [t('upload.refused', { status: error.status }), error.description];
    if (CRS_CODES.has(error.code)) lines.push(t('upload.giveCrs'));
    else if (error.status === 409) lines.push(t('upload.busyAdvice'));
    else if (error.status === 413) lines.push(t('upload.tooLargeAdvice'));
    return lines;
  }

  renderCompounds();
  render();
  return {
    /** The compound opened on the map becomes the default, unless the user chose one. */
    setOpenCompound(code) {
      openCompound = code;
      renderCompounds();
      render();
      lookForWaiting(code);
    },
    /**
     * After a discard the form starts again: no files, no crs or encoding, the open compound as the default,
     * nothing of the last upload's message.
     */
    reset() {
      files = [];
      ignored = [];
      lastError = null;
      lastProgress = null;
      crsInput.value = '';
      crsInput.classList.remove('needs-value');
      encodingSelect.value = '';
      compoundChosenByUser = false;
      byBoundaryChosenByUser = false;
      compoundCode = '';
      compoundPicker.clear();
      renderCompounds();
      setState('idle');
    },
    /** The last upload again, its files and choices as they were, with a mapping of layers and fields. */
    async resendWithMapping(mapping) {
      if (!lastSent || blockedBy != null) return;
      files = [...lastSent.files];
      await post(lastSent, mapping);
    },
    /** While a staged survey is reviewed, no second upload starts (commit or discard it first). */
    setReviewing(surveyId) {
      blockedBy = surveyId;
      renderWaiting();
      if (surveyId == null && state === 'done') state = 'idle';
      element.dataset.state = state;
      render();
    }
  };
}

function megabytes(bytes) {
  if (bytes < BYTES_PER_MB) return t('upload.kilobytes', { n: Math.max(1, Math.round(bytes / BYTES_PER_KB)) });
  return t('upload.megabytes', { n: (bytes / BYTES_PER_MB).toFixed(1) });
}
