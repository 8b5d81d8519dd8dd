/**
 * jwt-allauth token.
 */
@NullMarked
package io.github.jwtallauth.autoconfigure.token;

import org.jspecify.annotations.NullMarked;
