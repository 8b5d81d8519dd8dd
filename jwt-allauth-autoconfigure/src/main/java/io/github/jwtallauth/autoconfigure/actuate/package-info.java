/**
 * jwt-allauth Actuator support: health and metrics.
 */
@NullMarked
package io.github.jwtallauth.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
