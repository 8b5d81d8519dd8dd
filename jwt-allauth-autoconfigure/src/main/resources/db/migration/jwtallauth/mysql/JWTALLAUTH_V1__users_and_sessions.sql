CREATE TABLE jwt_allauth_user (
    id             BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email          VARCHAR(254) NOT NULL,
    password       VARCHAR(255),
    first_name     VARCHAR(150) NOT NULL DEFAULT '',
    last_name      VARCHAR(150) NOT NULL DEFAULT '',
    role           INTEGER      NOT NULL DEFAULT 0,
    active         BOOLEAN      NOT NULL DEFAULT TRUE,
    email_verified BOOLEAN      NOT NULL DEFAULT FALSE,
    date_joined    DATETIME(6) NOT NULL,
    last_login     DATETIME(6),
    CONSTRAINT uk_jwt_allauth_user_email UNIQUE (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE jwt_allauth_session (
    id           VARCHAR(32)  NOT NULL PRIMARY KEY,
    user_id      VARCHAR(64)  NOT NULL,
    jti          VARCHAR(32)  NOT NULL,
    previous_jti VARCHAR(32),
    rotated_at   DATETIME(6),
    enabled      BOOLEAN      NOT NULL,
    created      DATETIME(6) NOT NULL,
    last_used    DATETIME(6) NOT NULL,
    expires      DATETIME(6) NOT NULL,
    ip           VARCHAR(45),
    user_agent   VARCHAR(512),
    browser      VARCHAR(64),
    os           VARCHAR(64),
    device       VARCHAR(64),
    CONSTRAINT uk_jwt_allauth_session_jti UNIQUE (jti)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_jwt_allauth_session_user ON jwt_allauth_session (user_id, last_used);
CREATE INDEX ix_jwt_allauth_session_expires ON jwt_allauth_session (expires);
