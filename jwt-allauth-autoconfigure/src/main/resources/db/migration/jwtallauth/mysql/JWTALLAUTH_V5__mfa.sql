-- Multi-factor authentication. TOTP secrets are stored AES-GCM encrypted; recovery codes and
-- challenge ids only as keyed or plain SHA-256 hashes.
CREATE TABLE jwt_allauth_mfa_authenticator (
    id        BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id   VARCHAR(64) NOT NULL,
    type      VARCHAR(16) NOT NULL,
    secret    VARCHAR(512),
    confirmed BOOLEAN     NOT NULL,
    last_step BIGINT,
    created   DATETIME(6) NOT NULL,
    last_used DATETIME(6),
    CONSTRAINT uk_jwt_allauth_mfa_authenticator UNIQUE (user_id, type)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE jwt_allauth_mfa_recovery_code (
    id        BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id   VARCHAR(64) NOT NULL,
    code_hash VARCHAR(64) NOT NULL,
    used      DATETIME(6),
    CONSTRAINT uk_jwt_allauth_mfa_recovery_code UNIQUE (user_id, code_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE jwt_allauth_mfa_challenge (
    id_hash  VARCHAR(64) NOT NULL PRIMARY KEY,
    user_id  VARCHAR(64) NOT NULL,
    kind     VARCHAR(16) NOT NULL,
    created  DATETIME(6) NOT NULL,
    expires  DATETIME(6) NOT NULL,
    failures INTEGER     NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_jwt_allauth_mfa_challenge_user ON jwt_allauth_mfa_challenge (user_id);
CREATE INDEX ix_jwt_allauth_mfa_challenge_expires ON jwt_allauth_mfa_challenge (expires);

CREATE TABLE jwt_allauth_mfa_failure (
    id      BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id VARCHAR(64) NOT NULL,
    failed_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_jwt_allauth_mfa_failure_user ON jwt_allauth_mfa_failure (user_id, failed_at);
