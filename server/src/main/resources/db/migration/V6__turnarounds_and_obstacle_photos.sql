-- Fire lane turnarounds (回车场) and photos of obstacles reported from the field.

-- A turnaround at the end of a dead-end fire lane (GB 50016-2014 7.1.9: at least 12 x 12 m). Versioned like
-- every feature table: a row is current while valid_to IS NULL.
CREATE TABLE turnaround (
    id             bigserial PRIMARY KEY,
    compound_code  text NOT NULL,
    name           text,
    extra          jsonb NOT NULL DEFAULT '{}',
    source_id      text,
    survey_id      bigint REFERENCES survey (id),
    valid_from     timestamptz NOT NULL DEFAULT now(),
    valid_to       timestamptz,
    geom           geometry(Polygon, ${srid}) NOT NULL,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX turnaround_geom ON turnaround USING gist (geom);
CREATE INDEX turnaround_compound ON turnaround (compound_code) WHERE valid_to IS NULL;

-- A photo taken with an obstacle report. Kept in the database (not on disk) so that a backup of the
-- database is a backup of everything, and so that it commits or rolls back with the report itself.
-- The obstacle's versions point at it through extra->'photo_id'; a photo is never changed, only added.
CREATE TABLE obstacle_photo (
    id             bigserial PRIMARY KEY,
    content_type   text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    size_bytes     integer NOT NULL CHECK (size_bytes > 0),
    bytes          bytea NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Obstacle versions of one obstacle share compound_code + source_id: the history of a report.
CREATE INDEX obstacle_source ON obstacle (compound_code, source_id);
