/**
 * jwt-allauth security.
 */
@NullMarked
package io.github.jwtallauth.autoconfigure.security;

import org.jspecify.annotations.NullMarked;
