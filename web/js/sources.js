// Fetches one collection for the current viewport, only from its zoom level on: the bbox asked for is
// the viewport grown by a margin, and a pan that stays inside what was fetched needs no new request.
import { LOADING } from './settings.js';
import { getItems, isAbort, ServerError, ServerUnreachable } from './api.js';
import { t } from './i18n.js';
import { showNotice, clearNotice } from './notices.js';

export class ViewportSource {
  /**
   * @param map Leaflet map
   * @param options.collection   OGC API collection id
   * @param options.minZoom      below this zoom nothing is fetched and what was drawn is cleared
   * @param options.labelKey     message key naming the data (progress bar, errors)
   * @param options.isWanted     () => false when no layer that shows this data is switched on
   * @param options.onFeatures   (features) => void, replaces what is drawn
   * @param options.onClear      () => void
   * @param options.onState      (state) => void, state = {status, shown, total}
   */
  constructor(map, { collection, minZoom, labelKey, isWanted = () => true, onFeatures, onClear, onState = () => {} }) {
    Object.assign(this, { map, collection, minZoom, labelKey, isWanted, onFeatures, onClear, onState });
    this.loaded = null; // {bounds, zoom, truncated}
    this.controller = null;
    this.state = { status: 'idle', shown: 0, total: 0 };
  }

  /** Brings the data up to date with the viewport; force refetches even if it is already covered. */
  async refresh({ force = false } = {}) {
    if (this.map.getZoom() < this.minZoom || !this.isWanted()) {
      this.clear();
      this.setState({ status: this.map.getZoom() < this.minZoom ? 'zoomedOut' : 'off', shown: 0, total: 0 });
      return;
    }
    if (!force && this.covers(this.map.getBounds(), this.map.getZoom())) return;
    await this.load(this.map.getBounds().pad(LOADING.VIEWPORT_PADDING));
  }

  covers(view, zoom) {
    if (!this.loaded || !this.loaded.bounds.contains(view)) return false;
    return !(this.loaded.truncated && zoom > this.loaded.zoom);
  }

  async load(bounds) {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.setState({ ...this.state, status: 'loading' });
    try {
      const collection = await getItems(this.collection, {
        bbox: bounds.toBBoxString(),
        limit: LOADING.MAX_FEATURES_PER_REQUEST
      }, { labelKey: this.labelKey, signal: controller.signal });
      if (controller.signal.aborted) return;
      const shown = collection.features.length;
      const total = collection.numberMatched ?? shown;
      this.loaded = { bounds, zoom: this.map.getZoom(), truncated: total > shown };
      this.onFeatures(collection.features);
      clearNotice(this.noticeKey());
      this.setState({ status: 'loaded', shown, total });
    } catch (error) {
      if (isAbort(error) && controller.signal.aborted) return;
      this.failed(error);
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  failed(error) {
    this.loaded = null;
    this.setState({ ...this.state, status: 'error' });
    if (error instanceof ServerUnreachable) return; // the connection banner says it
    const detail = error instanceof ServerError
      ? t('error.server', { status: error.status, description: error.description })
      : error.message;
    showNotice(this.noticeKey(), 'error', `${t('error.load', { what: t(this.labelKey) })}: ${detail}`);
  }

  clear() {
    this.controller?.abort();
    if (this.loaded || this.state.shown > 0) this.onClear();
    this.loaded = null;
  }

  noticeKey() {
    return `load-${this.collection}`;
  }

  setState(state) {
    this.state = state;
    this.onState(state);
  }
}
