// Tunable numbers of the map, named. Styling values live in /data/*.json.

/** Zoom levels from which each kind of detail is fetched and drawn (a whole city is never loaded at once). */
export const ZOOM = Object.freeze({
  MAX: 21,
  /** Compound outlines and labels as GeoJSON (clickable); below, they come from the vector tiles. */
  COMPOUNDS: 14,
  BUILDINGS: 15,
  PIPES: 16,
  FIRE_LANES: 16,
  PIPE_POINTS: 17,
  FLOW_ARROWS: 17,
  PARKING: 17,
  OBSTACLES: 17,
  /** Opening a compound zooms to fit it, but not closer than this. */
  COMPOUND_FIT_MAX: 19,
  /** A point, lane or road found by the finder is shown at most this close (a manhole then a finger wide). */
  FOUND_FEATURE: 20
});

/**
 * The city overview drawn from the server's vector tiles (OGC API - Tiles, Mapbox Vector Tiles) below the zooms
 * of the GeoJSON layers. The server says it has them in /conformance; the metadata gives the zoom range.
 */
export const TILES = Object.freeze({
  CONFORMANCE_PATH: '/conformance',
  CONFORMANCE_CLASS: /\/spec\/ogcapi-tiles-1\/[^/]+\/conf\/core$/,
  METADATA_PATH: '/tiles/WebMercatorQuad',
  /** OGC order: row (y) before column (x). */
  URL_TEMPLATE: '/tiles/WebMercatorQuad/{z}/{y}/{x}'
});

export const LOADING = Object.freeze({
  /** The fetched bbox is the viewport grown by this fraction on each side, so small pans need no request. */
  VIEWPORT_PADDING: 0.5,
  /** Features per request; more than this in view asks the user to zoom in. The server's maximum is 10 000. */
  MAX_FEATURES_PER_REQUEST: 5000,
  REQUEST_TIMEOUT_MS: 30000
});

/** The compound search of the finder and the upload form (GET /api/compounds/search, at most 100 a page). */
export const SEARCH = Object.freeze({
  PAGE_SIZE: 20,
  /** Typing pauses this long before the server is asked, so a word typed quickly is one request. */
  DEBOUNCE_MS: 200
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
  /** The survey review panel covers the left of the map while a re-survey is checked (see css/map.css). */
  SURVEY_PANEL_WIDTH_PX: 520,
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

export const UPLOAD = Object.freeze({
  /** What POST /api/surveys takes: one .zip, or the loose files of shapefiles. Other files are left out. */
  EXTENSIONS: Object.freeze(['.zip', '.shp', '.shx', '.dbf', '.prj', '.cpg']),
  /** The parts of one shapefile that must come together when sent loose (.prj and .cpg are optional). */
  REQUIRED_PARTS: Object.freeze(['.shp', '.shx', '.dbf'])
});

export const SURVEY_DIFF = Object.freeze({
  /** Above this many differences they are drawn on a canvas (fast) instead of as SVG elements (inspectable). */
  MAX_SVG_FEATURES: 3000,
  /** Showing a diff zooms to it, but not closer than this. */
  FIT_MAX_ZOOM: 19,
  /** Decimal places of a displacement in metres (the server rounds to millimetres). */
  DISPLACEMENT_DECIMALS: 2
});

export const LANGUAGES = Object.freeze({ DEFAULT: 'zh-CN', OTHER: 'en', STORAGE_KEY: 'compound-gis.lang' });

/** The longitudinal profile chart (SVG user units; it scales to its box). */
export const PROFILE = Object.freeze({
  WIDTH: 900,
  HEIGHT: 260,
  MARGIN: Object.freeze({ top: 22, right: 16, bottom: 34, left: 56 }),
  X_TICKS: 8,
  Y_TICKS: 5,
  /** Room above and below the drawn levels, as a share of their span. */
  VERTICAL_PADDING: 0.1,
  /** Never draw less than this many metres of elevation, so a flat site does not look like a cliff. */
  MIN_VERTICAL_SPAN_M: 1
});

/** The network checks and tracing tools. */
export const NETWORK_TOOLS = Object.freeze({
  /** Zooming to a finding stops at this zoom (a single manhole would otherwise fill the screen). */
  FINDING_ZOOM_MAX: 20,
  HIGHLIGHT_COLOUR: '#ff6d00',
  TRACE_COLOUR: '#d500f9',
  HIGHLIGHT_WEIGHT: 7
});

export const REPORT = Object.freeze({
  /** The ring that marks where an obstruction is being reported. */
  MARKER_RADIUS_PX: 12,
  /** How long "reported" stays on screen. */
  DONE_NOTICE_MS: 5000
});

/** The city dashboard (/dashboard): rows per table page, compounds drawn on its map, the colour of each status. */
export const DASHBOARD = Object.freeze({
  PAGE_ROWS: 50,
  MAP_PAGE_SIZE: 1000,
  MAP_MAX_PAGES: 10,
  STATUS_COLOURS: Object.freeze({
    planned: '#90a4ae', designed: '#4fc3f7', tendered: '#7986cb',
    in_construction: '#ffb300', completed: '#43a047', accepted: '#1b5e20',
  }),
  UNKNOWN_COLOUR: '#bdbdbd',
});

/** The account corner: the expiry a new API token is offered with (days; empty: never), how long "copied" shows. */
export const ACCOUNT = Object.freeze({
  TOKEN_DEFAULT_DAYS: 365,
  COPIED_NOTE_MS: 2000,
});
