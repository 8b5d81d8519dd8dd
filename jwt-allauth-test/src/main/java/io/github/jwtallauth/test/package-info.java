/**
 * Test support for applications that use jwt-allauth: {@link WithJwtAllAuthUser}, the
 * {@link JwtAllAuthRequestPostProcessor#jwtAllAuth() jwtAllAuth()} MockMvc request
 * post-processor, and {@link JwtAllAuthTestTokens} for tests over real HTTP.
 */
@NullMarked
package io.github.jwtallauth.test;

import org.jspecify.annotations.NullMarked;
