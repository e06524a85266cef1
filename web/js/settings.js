// Tunable numbers of the map, named. Styling values live in /data/*.json.

/** Zoom levels from which each kind of detail is fetched and drawn (a whole city is never loaded at once). */
export const ZOOM = Object.freeze({
  MAX: 21,
  START: 13,
  BUILDINGS: 15,
  PIPES: 16,
  FIRE_LANES: 16,
  PIPE_POINTS: 17,
  FLOW_ARROWS: 17,
  PARKING: 17,
  OBSTACLES: 17,
  /** Opening a compound zooms to fit it, but not closer than this. */
  COMPOUND_FIT_MAX: 19
});

export const LOADING = Object.freeze({
  /** The fetched bbox is the viewport grown by this fraction on each side, so small pans need no request. */
  VIEWPORT_PADDING: 0.5,
  /** Features per request; more than this in view asks the user to zoom in. The server's maximum is 10 000. */
  MAX_FEATURES_PER_REQUEST: 5000,
  /** The compound list of the finder (compounds are few; their details are fetched by viewport). */
  MAX_COMPOUNDS: 10000,
  REQUEST_TIMEOUT_MS: 30000
});

export const CONNECTION = Object.freeze({
  /** While the server is unreachable, how often to try again. */
  RETRY_INTERVAL_MS: 2000,
  /** While all is well, how often to check the server is still there (so an outage shows without a click). */
  HEARTBEAT_INTERVAL_MS: 5000,
  /** How long "connected again" stays on screen. */
  RECOVERED_NOTICE_MS: 4000,
  HEALTH_PATH: '/conformance'
});

export const LAYOUT = Object.freeze({
  /** Pixels kept free around a compound when zooming to it. */
  FIT_PADDING_PX: 24,
  /** The feature panel covers the right of the map: a compound is fitted beside it (see css/map.css). */
  FEATURE_PANEL_WIDTH_PX: 340,
  /** Up to this window width the page is laid out for phones (css/map.css has the same number). */
  PHONE_MAX_WIDTH_PX: 700,
  /** Decimal places of the coordinate read-out: millimetres for X/Y, about 1 cm for degrees. */
  METRE_DECIMALS: 3,
  DEGREE_DECIMALS: 7,
  /** Centimetre precision of depths, elevations and widths in the feature panel. */
  LENGTH_DECIMALS: 2,
  /** The finder writes site areas in 万m² (zh) or hectares (en): both are 10 000 m². */
  SQUARE_METRES_PER_AREA_UNIT: 10000
});

export const LANGUAGES = Object.freeze({ DEFAULT: 'zh-CN', OTHER: 'en', STORAGE_KEY: 'compound-gis.lang' });

export const REPORT = Object.freeze({
  /** The ring that marks where an obstruction is being reported. */
  MARKER_RADIUS_PX: 12,
  /** How long "reported" stays on screen. */
  DONE_NOTICE_MS: 5000
});
