-- When each user was last mailed that a replayed refresh token closed one of their sessions: at
-- most one such mail an hour, decided by a conditional update of this row, so that application
-- instances sharing the database agree. The purge job deletes rows older than the hour.
CREATE TABLE jwt_allauth_reuse_alert (
    user_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    last_sent TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_jwt_allauth_reuse_alert_last_sent ON jwt_allauth_reuse_alert (last_sent);
