package io.github.jwtallauth.autoconfigure.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

import org.springframework.util.Assert;

/**
 * Issues the tokens that links and capabilities carry. Only the newest token of a purpose
 * works for a user: issuing one deletes the previous ones, in the caller's transaction.
 *
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class LinkTokens {

	private final OneTimeTokenStore store;

	private final Clock clock;

	public LinkTokens(OneTimeTokenStore store, Clock clock) {
		Assert.notNull(store, "'store' must not be null");
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Issue a new random token.
	 * @param userId the user
	 * @param purpose what it allows
	 * @param lifetime how long it works
	 * @return the token, to put in a link
	 */
	public String issue(String userId, OneTimeTokenPurpose purpose, Duration lifetime) {
		String token = OneTimeTokens.newToken();
		save(userId, purpose, OneTimeTokens.hash(token), lifetime);
		return token;
	}

	/**
	 * Store the hash of a token made elsewhere (a capability's token id).
	 * @param userId the user
	 * @param purpose what it allows
	 * @param tokenHash the hash
	 * @param lifetime how long it works
	 */
	public void save(String userId, OneTimeTokenPurpose purpose, String tokenHash, Duration lifetime) {
		Instant now = this.clock.instant();
		this.store.deleteAll(userId, EnumSet.of(purpose));
		this.store.save(userId, purpose, tokenHash, now, now.plus(lifetime));
	}

	/**
	 * Return the store.
	 * @return the store
	 */
	public OneTimeTokenStore store() {
		return this.store;
	}

	/**
	 * Return the current time of the clock tokens are dated with.
	 * @return now
	 */
	public Instant now() {
		return this.clock.instant();
	}

}
