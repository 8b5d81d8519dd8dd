-- Copies the users of a django-jwt-allauth project into jwt-allauth's jwt_allauth_user
-- (MySQL 8 or MariaDB 10.6 or later, run once, after jwt-allauth created its tables).
--
-- Source tables, as django-jwt-allauth and django-allauth create them:
--   jwt_allauth_jauser    the user model JAUser: Django's AbstractUser (id, password,
--                         last_login, is_superuser, username, first_name, last_name, email,
--                         is_staff, is_active, date_joined) plus role
--   account_emailaddress  allauth's addresses (id, user_id, email, verified, `primary`)
-- A project with its own user model: replace jwt_allauth_jauser by its table. Without a
-- role column, replace u.role by
--   CASE WHEN u.is_staff THEN 1000 WHEN u.is_superuser THEN 900 ELSE 0 END
-- Django with USE_TZ = True writes its DATETIME columns in UTC, as jwt-allauth reads
-- them; with USE_TZ = False convert date_joined and last_login with CONVERT_TZ.
--
-- What is kept:
--   id            the Django primary key, so the sub claim is the old user_id claim and
--                 the application's own tables keep pointing at the right users (InnoDB
--                 moves AUTO_INCREMENT past the largest id by itself)
--   email         the primary allauth address, else the user's email; trimmed and
--                 lower-cased. Users with neither are skipped: jwt-allauth logs in by
--                 address only. jwt-allauth stores addresses NFC-normalised: check
--                 addresses with accented characters
--   password      the Django hash as it is; jwt-allauth verifies pbkdf2_sha256,
--                 pbkdf2_sha1, bcrypt_sha256, bcrypt and (with BouncyCastle) argon2
--                 hashes and replaces them at the user's next login. An unusable
--                 password ("!..." or empty) becomes NULL: no password login
--   email_verified  true when any of the user's addresses is verified
--   role, active, names, date_joined, last_login
-- Two users whose addresses differ only in case make the insert fail on
-- uk_jwt_allauth_user_email: resolve them in Django first.
INSERT INTO jwt_allauth_user
    (id, email, password, first_name, last_name, role, active, email_verified, date_joined, last_login)
SELECT d.id, d.email, d.password, d.first_name, d.last_name, d.role, d.is_active, d.verified, d.date_joined,
       d.last_login
FROM (
    SELECT u.id,
           lower(trim(coalesce(
               (SELECT p.email FROM account_emailaddress p
                WHERE p.user_id = u.id AND p.`primary` ORDER BY p.id LIMIT 1),
               u.email))) AS email,
           CASE WHEN u.password = '' OR u.password LIKE '!%' THEN NULL ELSE u.password END AS password,
           u.first_name, u.last_name, u.role, u.is_active,
           EXISTS (SELECT 1 FROM account_emailaddress v WHERE v.user_id = u.id AND v.verified) AS verified,
           u.date_joined, u.last_login
    FROM jwt_allauth_jauser u
) d
WHERE d.email IS NOT NULL AND d.email <> '';
