/**
 * Passwords set through links: password reset, the invitation's first password, and the
 * credential change every password-setting path shares.
 */
@NullMarked
package io.github.jwtallauth.autoconfigure.flows;

import org.jspecify.annotations.NullMarked;
