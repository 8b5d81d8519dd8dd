-- Social login: a provider account whose owner still owes a second factor is linked only once
-- the MFA challenge is passed. Until then the link waits here, under the hash of that challenge's
-- id, and is dropped when the challenge would have expired.
CREATE TABLE jwt_allauth_social_pending_link (
    challenge_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id        VARCHAR(64)  NOT NULL,
    provider       VARCHAR(100) NOT NULL,
    uid            VARCHAR(255) NOT NULL,
    expires        TIMESTAMPTZ NOT NULL
);

CREATE INDEX ix_jwt_allauth_social_pending_link_expires ON jwt_allauth_social_pending_link (expires);
