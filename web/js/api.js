// The client of the server's OGC API - Features (and the map's own /api/map-config, /api/surveys).
// Every request shows in the progress indicator; a server that cannot be reached is reported to the
// connection watcher; an error answer becomes a ServerError carrying the server's own description.
import { LOADING } from './settings.js';
import { track } from './progress.js';
import { reportUnreachable } from './connection.js';

/** The server answered with an error status; description is its {"code", "description"} body. */
export class ServerError extends Error {
  constructor(status, code, description) {
    super(`${status} ${code}: ${description}`);
    this.status = status;
    this.code = code;
    this.description = description;
  }
}

/** No answer at all: the server is down or the network is gone. */
export class ServerUnreachable extends Error {}

export function isAbort(error) {
  return error?.name === 'AbortError';
}

/** GET path (relative to the page's server) as JSON. labelKey names what loads, for the progress bar. */
export async function getJson(path, { labelKey, signal } = {}) {
  return track(labelKey, async () => {
    const timeout = AbortSignal.timeout(LOADING.REQUEST_TIMEOUT_MS);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response;
    try {
      response = await fetch(path, { headers: { Accept: 'application/geo+json, application/json' }, signal: combined });
    } catch (error) {
      if (signal?.aborted) throw error;
      reportUnreachable();
      throw new ServerUnreachable(error.message);
    }
    if (!response.ok) throw await serverError(response);
    return response.json();
  });
}

async function serverError(response) {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    return new ServerError(response.status, body.code ?? '', body.description ?? text);
  } catch {
    return new ServerError(response.status, '', text || response.statusText);
  }
}

/** /collections/{id}/items with the given query parameters. */
export function getItems(collection, params, options) {
  const query = new URLSearchParams(params);
  return getJson(`/collections/${collection}/items?${query}`, options);
}

/** POST a JSON body (a GeoJSON document) to path; the answer as JSON. labelKey names the work, for the progress bar. */
export async function postJson(path, body, { labelKey, signal } = {}) {
  return track(labelKey, async () => {
    const timeout = AbortSignal.timeout(LOADING.REQUEST_TIMEOUT_MS);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response;
    try {
      response = await fetch(path, {
        method: 'POST',
        headers: { Accept: 'application/geo+json, application/json', 'Content-Type': 'application/geo+json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        signal: combined
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      reportUnreachable();
      throw new ServerUnreachable(error.message);
    }
    if (!response.ok) throw await serverError(response);
    return response.json();
  });
}
