/**
 * jwt-allauth core.
 */
@NullMarked
package io.github.jwtallauth.autoconfigure;

import org.jspecify.annotations.NullMarked;
