-- Compound GIS data model. Geometry is stored in one projected working CRS per deployment
-- (Flyway placeholder ${srid}, default EPSG:4548 CGCS2000 3-degree GK CM 117E).
-- Every feature table keeps history: a row is one version of a feature, current while valid_to IS NULL.

CREATE EXTENSION IF NOT EXISTS postgis;

-- A delivery of survey data (a re-survey upload, or the generated demo data).
CREATE TABLE survey (
    id             bigserial PRIMARY KEY,
    compound_code  text,
    title          text NOT NULL,
    surveyor       text,
    surveyed_on    date,
    status         text NOT NULL DEFAULT 'committed'
                   CHECK (status IN ('staged', 'committed', 'discarded')),
    source_crs     text,
    encoding       text,
    report         jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    committed_at   timestamptz
);

CREATE TABLE compound (
    id                 bigserial PRIMARY KEY,
    code               text NOT NULL,
    name               text NOT NULL,
    district           text,
    built_year         integer,
    households         integer CHECK (households >= 0),
    site_area_m2       numeric(12, 1) CHECK (site_area_m2 > 0),
    renovation_year    integer,
    renovation_status  text CHECK (renovation_status IN ('planned', 'in_progress', 'completed')),
    extra              jsonb NOT NULL DEFAULT '{}',
    source_id          text,
    survey_id          bigint REFERENCES survey (id),
    valid_from         timestamptz NOT NULL DEFAULT now(),
    valid_to           timestamptz,
    geom               geometry(MultiPolygon, ${srid}) NOT NULL,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX compound_current_code ON compound (code) WHERE valid_to IS NULL;

CREATE TABLE building (
    id             bigserial PRIMARY KEY,
    compound_code  text NOT NULL,
    name           text,
    floors         integer CHECK (floors > 0),
    has_elevator   boolean,
    structure      text,
    built_year     integer,
    extra          jsonb NOT NULL DEFAULT '{}',
    source_id      text,
    survey_id      bigint REFERENCES survey (id),
    valid_from     timestamptz NOT NULL DEFAULT now(),
    valid_to       timestamptz,
    geom           geometry(MultiPolygon, ${srid}) NOT NULL,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);

-- Network codes of CJJ 61-2017 appendix B: the drainage sub-types (YS rain, WS sewage, HS combined)
-- are networks of their own because every check treats them separately.
CREATE DOMAIN network_code AS text
    CHECK (VALUE IN ('YS', 'WS', 'HS', 'JS', 'RQ', 'RL', 'DL', 'TX', 'GY', 'QT'));

CREATE TABLE pipe_point (
    id                     bigserial PRIMARY KEY,
    compound_code          text NOT NULL,
    point_no               text NOT NULL,
    network                network_code NOT NULL,
    feature                text,
    appurtenance           text,
    ground_elevation_m     numeric(8, 3),
    well_depth_m           numeric(6, 3) CHECK (well_depth_m >= 0),
    cover_label            text CHECK (cover_label IN ('雨', '污')),
    accuracy_class         text NOT NULL DEFAULT 'hidden' CHECK (accuracy_class IN ('visible', 'hidden')),
    extra                  jsonb NOT NULL DEFAULT '{}',
    source_id              text,
    survey_id              bigint REFERENCES survey (id),
    valid_from             timestamptz NOT NULL DEFAULT now(),
    valid_to               timestamptz,
    geom                   geometry(Point, ${srid}) NOT NULL,
    -- CJJ 61: a point is described by a feature (tee, bend...) or by an appurtenance (manhole...), not both.
    CHECK ((feature IS NULL) <> (appurtenance IS NULL)),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE pipe (
    id                   bigserial PRIMARY KEY,
    compound_code        text NOT NULL,
    network              network_code NOT NULL,
    subtype              text,
    start_no             text,
    end_no               text,
    size_text            text,
    dn_mm                integer CHECK (dn_mm > 0),
    width_mm             integer CHECK (width_mm > 0),
    height_mm            integer CHECK (height_mm > 0),
    material             text,
    start_depth_m        numeric(6, 3),
    end_depth_m          numeric(6, 3),
    start_elevation_m    numeric(8, 3),
    end_elevation_m      numeric(8, 3),
    -- Gravity drainage is surveyed to the invert (inner bottom), pressure pipes and cables to the top.
    depth_reference      text NOT NULL CHECK (depth_reference IN ('invert', 'top')),
    burial_method        text,
    pressure_class       text CHECK (pressure_class IN ('low', 'medium_b', 'medium_a', 'sub_high_b', 'sub_high_a', 'high_b', 'high_a')),
    voltage_kv           numeric(7, 2),
    cable_count          integer,
    flow_direction       text CHECK (flow_direction IN ('forward', 'reverse')),
    owner                text,
    build_year           integer,
    road                 text,
    status               text NOT NULL DEFAULT 'existing' CHECK (status IN ('existing', 'design', 'abandoned')),
    extra                jsonb NOT NULL DEFAULT '{}',
    source_id            text,
    survey_id            bigint REFERENCES survey (id),
    valid_from           timestamptz NOT NULL DEFAULT now(),
    valid_to             timestamptz,
    -- untyped so that 2-D and 3-D (surveyed Z) pipes can stand side by side; the checks keep it honest
    geom                 geometry NOT NULL
                         CHECK (GeometryType(geom) IN ('LINESTRING', 'MULTILINESTRING'))
                         CHECK (ST_SRID(geom) = ${srid}),
    CHECK (dn_mm IS NULL OR width_mm IS NULL),
    CHECK ((width_mm IS NULL) = (height_mm IS NULL)),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE fire_lane (
    id                    bigserial PRIMARY KEY,
    compound_code         text NOT NULL,
    name                  text,
    required_width_m      numeric(5, 2) NOT NULL DEFAULT 4.0 CHECK (required_width_m > 0),
    carriageway_width_m   numeric(5, 2) CHECK (carriageway_width_m > 0),
    extra                 jsonb NOT NULL DEFAULT '{}',
    source_id             text,
    survey_id             bigint REFERENCES survey (id),
    valid_from            timestamptz NOT NULL DEFAULT now(),
    valid_to              timestamptz,
    geom                  geometry(LineString, ${srid}) NOT NULL,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE obstacle (
    id             bigserial PRIMARY KEY,
    compound_code  text NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('vehicle', 'illegal_structure', 'clutter', 'tree', 'bollard', 'other')),
    note           text,
    observed_on    date,
    status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    extra          jsonb NOT NULL DEFAULT '{}',
    source_id      text,
    survey_id      bigint REFERENCES survey (id),
    valid_from     timestamptz NOT NULL DEFAULT now(),
    valid_to       timestamptz,
    geom           geometry(Geometry, ${srid}) NOT NULL
                   CHECK (GeometryType(geom) IN ('POINT', 'POLYGON', 'MULTIPOLYGON')),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE parking_stall (
    id             bigserial PRIMARY KEY,
    compound_code  text NOT NULL,
    stall_no       text,
    kind           text NOT NULL DEFAULT 'standard' CHECK (kind IN ('standard', 'accessible', 'ev', 'planned')),
    extra          jsonb NOT NULL DEFAULT '{}',
    source_id      text,
    survey_id      bigint REFERENCES survey (id),
    valid_from     timestamptz NOT NULL DEFAULT now(),
    valid_to       timestamptz,
    geom           geometry(Polygon, ${srid}) NOT NULL,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);

-- Spatial indexes for every feature table, plus the compound lookups every query filters on.
CREATE INDEX compound_geom ON compound USING gist (geom);
CREATE INDEX building_geom ON building USING gist (geom);
CREATE INDEX pipe_point_geom ON pipe_point USING gist (geom);
CREATE INDEX pipe_geom ON pipe USING gist (geom);
CREATE INDEX fire_lane_geom ON fire_lane USING gist (geom);
CREATE INDEX obstacle_geom ON obstacle USING gist (geom);
CREATE INDEX parking_stall_geom ON parking_stall USING gist (geom);

CREATE INDEX building_compound ON building (compound_code) WHERE valid_to IS NULL;
CREATE INDEX pipe_point_compound ON pipe_point (compound_code, network) WHERE valid_to IS NULL;
CREATE INDEX pipe_compound ON pipe (compound_code, network) WHERE valid_to IS NULL;
CREATE INDEX fire_lane_compound ON fire_lane (compound_code) WHERE valid_to IS NULL;
CREATE INDEX obstacle_compound ON obstacle (compound_code) WHERE valid_to IS NULL;
CREATE INDEX parking_stall_compound ON parking_stall (compound_code) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX pipe_point_current_no ON pipe_point (compound_code, point_no) WHERE valid_to IS NULL;
