/**
 * jwt-allauth account.
 */
@NullMarked
package io.github.jwtallauth.autoconfigure.account;

import org.jspecify.annotations.NullMarked;
