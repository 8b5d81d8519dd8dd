/**
 * jwt-allauth web.
 */
@NullMarked
package io.github.jwtallauth.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
