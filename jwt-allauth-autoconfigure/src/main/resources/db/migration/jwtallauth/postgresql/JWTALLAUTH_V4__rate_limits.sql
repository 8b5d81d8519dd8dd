-- Rate-limit buckets of the jdbc backend (jwtallauth.rate-limit.backend=jdbc): Bucket4j's state,
-- keyed by a SHA-256 of the limited key, so no address is stored.
CREATE TABLE jwt_allauth_rate_limit (
    id      VARCHAR(64) NOT NULL PRIMARY KEY,
    state   BYTEA NOT NULL,
    expires TIMESTAMPTZ NOT NULL
);

CREATE INDEX ix_jwt_allauth_rate_limit_expires ON jwt_allauth_rate_limit (expires);
