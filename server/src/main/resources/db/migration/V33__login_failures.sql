-- The sign-in throttle's failures (LOGIN_FAILURES within LOGIN_WINDOW_SECONDS), in the database so that every
-- server process sharing it counts the same attempts: N servers behind a proxy no longer allow N times the guesses.
-- key is 'user:<name>' or 'ip:<address>'. Only failures inside the window are kept: each failure deletes those that
-- have left it, a successful sign-in those of its user name.
CREATE TABLE login_failure (
    key       text NOT NULL,
    failed_at timestamptz NOT NULL
);
CREATE INDEX login_failure_key ON login_failure (key, failed_at);
CREATE INDEX login_failure_failed_at ON login_failure (failed_at);
