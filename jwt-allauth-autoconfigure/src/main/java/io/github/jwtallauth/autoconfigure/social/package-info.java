/**
 * Social login: provider accounts (OAuth 2.0 and OpenID Connect, from Spring Boot's
 * client registrations) verified, resolved to jwt-allauth accounts and linked to them.
 * Nothing here speaks HTTP; the web layer answers the social endpoints.
 */
@NullMarked
package io.github.jwtallauth.autoconfigure.social;

import org.jspecify.annotations.NullMarked;
