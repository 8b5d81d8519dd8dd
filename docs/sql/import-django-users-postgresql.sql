-- Copies the users of a django-jwt-allauth project into jwt-allauth's jwt_allauth_user
-- (PostgreSQL 13 or later, run once, after jwt-allauth created its tables).
--
-- Source tables, as django-jwt-allauth and django-allauth create them:
--   jwt_allauth_jauser    the user model JAUser: Django's AbstractUser (id, password,
--                         last_login, is_superuser, username, first_name, last_name, email,
--                         is_staff, is_active, date_joined) plus role
--   account_emailaddress  allauth's addresses (id, user_id, email, verified, "primary")
-- A project with its own user model: replace jwt_allauth_jauser by its table. Without a
-- role column, replace u.role by
--   CASE WHEN u.is_staff THEN 1000 WHEN u.is_superuser THEN 900 ELSE 0 END
--
-- What is kept:
--   id            the Django primary key, so the sub claim is the old user_id claim and
--                 the application's own tables keep pointing at the right users
--   email         the primary allauth address, else the user's email; trimmed,
--                 lower-cased and NFC-normalised as jwt-allauth stores addresses. Users
--                 with neither are skipped: jwt-allauth logs in by address only
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
           normalize(lower(trim(coalesce(
               (SELECT p.email FROM account_emailaddress p
                WHERE p.user_id = u.id AND p."primary" ORDER BY p.id LIMIT 1),
               u.email))), NFC) AS email,
           CASE WHEN u.password = '' OR u.password LIKE '!%' THEN NULL ELSE u.password END AS password,
           u.first_name, u.last_name, u.role, u.is_active,
           EXISTS (SELECT 1 FROM account_emailaddress v WHERE v.user_id = u.id AND v.verified) AS verified,
           u.date_joined, u.last_login
    FROM jwt_allauth_jauser u
) d
WHERE d.email IS NOT NULL AND d.email <> '';

-- The ids were given explicitly: move the identity past them, so that the next sign-up
-- does not collide with an imported user.
SELECT setval(pg_get_serial_sequence('jwt_allauth_user', 'id'), (SELECT max(id) FROM jwt_allauth_user));
