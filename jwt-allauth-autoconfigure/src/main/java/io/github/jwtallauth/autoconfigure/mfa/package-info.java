/**
 * Multi-factor authentication: TOTP (RFC 6238) through googleauth, recovery codes, login
 * and setup challenges, and the lockout of repeated wrong codes.
 */
@NullMarked
package io.github.jwtallauth.autoconfigure.mfa;

import org.jspecify.annotations.NullMarked;
