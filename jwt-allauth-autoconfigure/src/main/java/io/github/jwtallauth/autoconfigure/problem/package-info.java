/**
 * The catalogue of jwt-allauth's failures and their RFC 9457 problem documents. Services
 * throw a {@code JwtAllAuthException} naming an {@code ErrorCode}, which carries the
 * code, status and message key; only the web layer turns it into an answer, so the
 * services below it never see HTTP.
 */
@NullMarked
package io.github.jwtallauth.autoconfigure.problem;

import org.jspecify.annotations.NullMarked;
