-- Issue 12: local accounts with roles and assignments, API tokens, web-map sessions and the audit trail.

CREATE TABLE app_user (
    id             bigserial PRIMARY KEY,
    username       text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$'),
    display_name   text,
    -- Argon2id in PHC string form; NULL for accounts that sign in only through single sign-on.
    password_hash  text,
    roles          text[] NOT NULL DEFAULT '{viewer}'
                   CHECK (roles <@ ARRAY['viewer', 'surveyor', 'designer', 'inspector', 'admin']),
    -- A surveyor works on these compounds and on every compound of these districts ('*': all of them).
    compounds      text[] NOT NULL DEFAULT '{}',
    districts      text[] NOT NULL DEFAULT '{}',
    active         boolean NOT NULL DEFAULT true,
    oidc_issuer    text,
    oidc_subject   text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    changed_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (oidc_issuer, oidc_subject)
);

-- Bearer tokens for scripts, QGIS and GDAL. Only the SHA-256 of the secret is kept.
CREATE TABLE api_token (
    id             bigserial PRIMARY KEY,
    user_id        bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name           text NOT NULL,
    secret_sha256  bytea NOT NULL UNIQUE,
    shown_prefix   text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz,
    last_used_at   timestamptz,
    revoked_at     timestamptz
);
CREATE INDEX api_token_user ON api_token (user_id);

-- Signed-in web maps: the cookie holds the secret, the table its SHA-256 and the CSRF token of the session.
CREATE TABLE user_session (
    secret_sha256  bytea PRIMARY KEY,
    user_id        bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    csrf_token     text NOT NULL,
    client_ip      text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL
);
CREATE INDEX user_session_user ON user_session (user_id);
CREATE INDEX user_session_expiry ON user_session (expires_at);

-- Who changed what, when and from where. Written in the transaction of the change it records.
CREATE TABLE audit_event (
    id             bigserial PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT clock_timestamp(),
    user_id        bigint REFERENCES app_user (id) ON DELETE SET NULL,
    username       text NOT NULL,
    client_ip      text,
    action         text NOT NULL,
    compound_code  text,
    target         text,
    detail         jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_at ON audit_event (at DESC);
CREATE INDEX audit_event_user ON audit_event (username, at DESC);
CREATE INDEX audit_event_compound ON audit_event (compound_code, at DESC);

-- The survey's uploader decides over its staged upload; the committer is shown in the feature history.
ALTER TABLE survey
    ADD COLUMN uploaded_by  text,
    ADD COLUMN committed_by text;
