-- Links and capabilities sent by mail (verification, invitation, password reset) and the
-- capabilities their links hand out. Only a SHA-256 of each token is stored.
CREATE TABLE jwt_allauth_one_time_token (
    id         BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id    VARCHAR(64) NOT NULL,
    purpose    VARCHAR(32) NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    created    DATETIME(6) NOT NULL,
    expires    DATETIME(6) NOT NULL,
    CONSTRAINT uk_jwt_allauth_one_time_token_hash UNIQUE (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_jwt_allauth_one_time_token_user ON jwt_allauth_one_time_token (user_id, purpose);
CREATE INDEX ix_jwt_allauth_one_time_token_expires ON jwt_allauth_one_time_token (expires);
