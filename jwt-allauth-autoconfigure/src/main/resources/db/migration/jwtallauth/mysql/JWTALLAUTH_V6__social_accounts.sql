-- Social login: which provider account (provider registration id and the provider's user id)
-- is linked to which user. No token or profile data of the provider is kept.
CREATE TABLE jwt_allauth_social_account (
    id          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    provider    VARCHAR(100) NOT NULL,
    uid         VARCHAR(255) NOT NULL,
    user_id     VARCHAR(64)  NOT NULL,
    last_login  DATETIME(6) NOT NULL,
    date_joined DATETIME(6) NOT NULL,
    CONSTRAINT uk_jwt_allauth_social_account UNIQUE (provider, uid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_jwt_allauth_social_account_user ON jwt_allauth_social_account (user_id);
