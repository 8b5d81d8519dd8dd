CREATE TABLE jwt_allauth_mail_outbox (
    id           BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    recipient    VARCHAR(254) NOT NULL,
    subject      VARCHAR(255) NOT NULL,
    text_body    TEXT         NOT NULL,
    html_body    TEXT,
    created      DATETIME(6) NOT NULL,
    next_attempt DATETIME(6) NOT NULL,
    attempts     INTEGER      NOT NULL DEFAULT 0,
    last_error   VARCHAR(512),
    sent_at      DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_jwt_allauth_mail_outbox_due ON jwt_allauth_mail_outbox (sent_at, next_attempt);
