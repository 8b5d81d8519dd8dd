/**
 * Rate limits: the {@link io.github.jwtallauth.autoconfigure.ratelimit.RateLimiter}
 * abstraction and its in-memory Bucket4j implementation.
 */
@NullMarked
package io.github.jwtallauth.autoconfigure.ratelimit;

import org.jspecify.annotations.NullMarked;
