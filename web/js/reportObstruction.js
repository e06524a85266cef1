// "Report an obstruction": tap the button, tap the map where the obstruction is, pick its kind, add a
// note and (on a phone) a photo from the camera, send. The report goes to POST /api/obstacles as
// multipart/form-data (the photo as a file); the map then shows the obstacle and checks the lanes again.
import { t, onLanguageChange } from './i18n.js';
import { send, ServerError } from './api.js';
import { showNotice, clearNotice } from './notices.js';
import { REPORT } from './settings.js';

const KINDS = ['vehicle', 'illegal_structure', 'clutter', 'tree', 'bollard', 'other'];

export function createReportAction(map, { button, sheet, onStart = () => {}, onReported }) {
  const form = sheet.querySelector('form');
  const kind = form.querySelector('#report-kind');
  const where = form.querySelector('#report-where');
  const error = form.querySelector('#report-error');
  const submit = form.querySelector('#report-submit');
  let placing = false;
  let location = null;
  let marker = null;
  const onPick = (event) => place(event.latlng);

  fillKinds();
  onLanguageChange(() => { fillKinds(); renderButton(); renderWhere(); });
  button.addEventListener('click', () => (placing || location ? reset() : startPlacing()));
  form.querySelector('#report-cancel').addEventListener('click', reset);
  form.addEventListener('submit', (event) => { event.preventDefault(); sendReport(); });

  function fillKinds() {
    const selected = kind.value;
    kind.replaceChildren(...KINDS.map((k) => new Option(t(`obstacle.${k}`), k)));
    if (selected) kind.value = selected;
  }

  function renderButton() {
    button.textContent = t(placing || location ? 'report.cancel' : 'report.button');
    button.classList.toggle('active', placing || location !== null);
  }

  function renderWhere() {
    if (location) where.textContent = t('report.where', { lat: location.lat.toFixed(6), lng: location.lng.toFixed(6) });
  }

  function startPlacing() {
    onStart(); // e.g. the feature panel makes room: on a phone it covers the map's lower half
    placing = true;
    map.getContainer().classList.add('placing');
    showNotice('report', 'info', t('report.tapMap'));
    map.once('click', onPick);
    renderButton();
  }

  function place(latlng) {
    placing = false;
    map.getContainer().classList.remove('placing');
    clearNotice('report');
    location = latlng;
    marker = L.circleMarker(latlng, { radius: REPORT.MARKER_RADIUS_PX, color: '#d50000', weight: 3, fillOpacity: 0.2, className: 'report-location', interactive: false })
      .addTo(map);
    renderWhere();
    error.hidden = true;
    sheet.hidden = false;
    renderButton();
    kind.focus();
  }

  function reset() {
    if (placing) map.off('click', onPick);
    placing = false;
    location = null;
    marker?.remove();
    marker = null;
    map.getContainer().classList.remove('placing');
    clearNotice('report');
    form.reset();
    sheet.hidden = true;
    renderButton();
  }

  async function sendReport() {
    const data = new FormData();
    data.append('geometry', JSON.stringify({ type: 'Point', coordinates: [location.lng, location.lat] }));
    data.append('kind', kind.value);
    data.append('note', form.querySelector('#report-note').value);
    const photo = form.querySelector('#report-photo').files[0];
    if (photo) data.append('photo', photo, photo.name);
    submit.disabled = true;
    error.hidden = true;
    try {
      const stored = await send('POST', '/api/obstacles', data, { labelKey: 'report.title' });
      reset();
      showNotice('report-done', 'info', t('report.done', { id: stored.feature.id }), { autoHideMs: REPORT.DONE_NOTICE_MS });
      onReported(stored.feature);
    } catch (failure) {
      error.textContent = failure instanceof ServerError ? failure.description : t('connection.down');
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  }

  renderButton();
}
