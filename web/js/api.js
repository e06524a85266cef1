// The client of the server's OGC API - Features (and the map's own /api/map-config, /api/surveys).
// Every request shows in the progress indicator; a server that cannot be reached is reported to the
// connection watcher; an error answer becomes a ServerError carrying the server's own description.
import { errorText } from './serverText.js';
import { LOADING } from './settings.js';
import { track } from './progress.js';
import { reportUnreachable } from './connection.js';
import { csrfHeaders, sessionExpired } from './session.js';

/** The server answered with an error status; description is its {"code", "description"} body. */
const GEOJSON_OR_JSON = 'application/geo+json, application/json';
/** No user, or the session has ended: the page asks the user to sign in (again) and then try again. */
const UNAUTHORIZED = 401;

export class ServerError extends Error {
  /** field: the field of the request the error is about, when the server names one (the compound register does). */
  constructor(status, code, description, field = null, body = {}) {
    super(`${status} ${code}: ${description}`);
    this.status = status;
    this.code = code;
    /** The server's English sentence, for API clients and logs; the map shows `description`. */
    this.serverDescription = description;
    this.field = field;
    /** The whole JSON body: some refusals carry more to act on (a refused upload's suggested_crs). */
    this.body = body;
  }

  /** What went wrong in the user's language: the body's message code and parameters, worded by the map. */
  get description() {
    return errorText(this);
  }
}

/** No answer at all: the server is down or the network is gone. */
export class ServerUnreachable extends Error {}

export function isAbort(error) {
  return error?.name === 'AbortError';
}

/** GET path (relative to the page's server) as JSON. labelKey names what loads, for the progress bar. */
export async function getJson(path, { labelKey, signal } = {}) {
  return request('GET', path, { labelKey, signal, accept: GEOJSON_OR_JSON });
}

/**
 * The one fetch of this client: the answer's JSON, or ServerError (the server's {code, description}) or
 * ServerUnreachable (after telling the connection watcher). A request the caller aborted rethrows as is.
 */
function request(method, path, { body, contentType, accept = 'application/json', labelKey, signal, timeout = true, headers: extra = {},
  read = (response) => response.json() } = {}) {
  return track(labelKey, async () => {
    const limit = timeout ? AbortSignal.timeout(LOADING.REQUEST_TIMEOUT_MS) : undefined;
    const combined = signal && limit ? AbortSignal.any([signal, limit]) : signal ?? limit;
    const headers = { ...extra, ...(method === 'GET' ? {} : csrfHeaders()),
      ...(contentType ? { Accept: accept, 'Content-Type': contentType } : { Accept: accept }) };
    let response;
    try {
      response = await fetch(path, { method, headers, body, signal: combined });
    } catch (error) {
      if (signal?.aborted) throw error;
      reportUnreachable();
      throw new ServerUnreachable(error.message);
    }
    if (response.status === UNAUTHORIZED) sessionExpired();
    if (!response.ok) throw await serverError(response);
    return read(response);
  });
}

async function serverError(response) {
  return errorFromText(response.status, response.statusText, await response.text());
}

function errorFromText(status, statusText, text) {
  try {
    const body = JSON.parse(text);
    return new ServerError(status, body.code ?? '', body.description ?? text, body.field ?? null, body);
  } catch {
    return new ServerError(status, '', text || statusText);
  }
}

/**
 * POST, DELETE … path, answered as JSON; with json, that object is sent as the JSON body. labelKey names what is
 * done, for the progress bar.
 */
export async function sendJson(method, path, { labelKey, json } = {}) {
  const body = json === undefined ? {} : { body: JSON.stringify(json), contentType: 'application/json' };
  return request(method, path, { labelKey, timeout: false, ...body });
}

/**
 * POSTs a multipart form through XMLHttpRequest (fetch cannot report upload progress).
 * onProgress({loaded, total}) while the body is sent; onSent() once it is all sent and the server works on it.
 * Resolves with the parsed JSON answer; rejects with ServerError or ServerUnreachable.
 */
export function postForm(path, formData, { onProgress = () => {}, onSent = () => {} } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    });
    xhr.upload.addEventListener('load', () => onSent());
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText));
        } catch (error) {
          reject(new ServerError(xhr.status, '', `not JSON: ${error.message}`));
        }
      } else {
        if (xhr.status === UNAUTHORIZED) sessionExpired();
        reject(errorFromText(xhr.status, xhr.statusText, xhr.responseText));
      }
    });
    xhr.addEventListener('error', () => {
      reportUnreachable();
      reject(new ServerUnreachable('the upload could not reach the server'));
    });
    xhr.send(formData);
  });
}

/** /collections/{id}/items with the given query parameters. */
export function getItems(collection, params, options) {
  const query = new URLSearchParams(params);
  return getJson(`/collections/${collection}/items?${query}`, options);
}

/**
 * Sends a body (JSON object or FormData) with method; answers the server's JSON, or throws ServerError. headers: more
 * request headers (If-Match ...).
 */
export async function send(method, path, body, { labelKey, headers } = {}) {
  const isForm = body instanceof FormData;
  return request(method, path, {
    labelKey,
    headers,
    body: isForm ? body : JSON.stringify(body),
    contentType: isForm ? undefined : 'application/json'
  });
}

/**
 * POST a GeoJSON body to path for a file the server makes (the dig report's PDF): resolves with {blob, filename},
 * the name from Content-Disposition.
 */
export async function postForFile(path, body, { labelKey, accept } = {}) {
  return request('POST', path, {
    labelKey, accept, contentType: 'application/geo+json', body: typeof body === 'string' ? body : JSON.stringify(body),
    read: async (response) => ({
      blob: await response.blob(),
      filename: /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'download'
    })
  });
}

/** POST a JSON body (a GeoJSON document) to path; the answer as JSON. labelKey names the work, for the progress bar. */
export async function postJson(path, body, { labelKey, signal } = {}) {
  return request('POST', path, {
    labelKey, signal, accept: GEOJSON_OR_JSON, contentType: 'application/geo+json',
    body: typeof body === 'string' ? body : JSON.stringify(body)
  });
}
