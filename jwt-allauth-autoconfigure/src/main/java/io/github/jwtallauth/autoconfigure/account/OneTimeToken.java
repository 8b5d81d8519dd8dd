package io.github.jwtallauth.autoconfigure.account;

import java.time.Instant;

/**
 * A stored one-time token: whose it is, what it allows and until when. The token itself
 * is never stored, only its hash.
 *
 * @param userId the user the token was issued to
 * @param purpose what the token allows
 * @param expires when it stops working
 * @author jwt-allauth contributors
 */
public record OneTimeToken(String userId, OneTimeTokenPurpose purpose, Instant expires) {
}
