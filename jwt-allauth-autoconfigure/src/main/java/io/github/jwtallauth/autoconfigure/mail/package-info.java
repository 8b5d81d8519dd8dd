/**
 * jwt-allauth mail: the transactional outbox and its delivery.
 */
@NullMarked
package io.github.jwtallauth.autoconfigure.mail;

import org.jspecify.annotations.NullMarked;
