/**
 * jwt-allauth session.
 */
@NullMarked
package io.github.jwtallauth.autoconfigure.session;

import org.jspecify.annotations.NullMarked;
