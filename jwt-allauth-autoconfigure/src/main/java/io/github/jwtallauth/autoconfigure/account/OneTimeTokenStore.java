package io.github.jwtallauth.autoconfigure.account;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Storage of the tokens that links in mails and capability cookies carry, by their
 * SHA-256 ({@link OneTimeTokens#hash(String)}). Implementations join the caller's
 * transaction. Declare a bean of this type to replace {@link JpaOneTimeTokenStore}.
 *
 * @author jwt-allauth contributors
 */
public interface OneTimeTokenStore {

	/**
	 * Store a token.
	 * @param userId the user it is issued to
	 * @param purpose what it allows
	 * @param tokenHash the token's hash
	 * @param created when it is issued
	 * @param expires when it stops working
	 */
	void save(String userId, OneTimeTokenPurpose purpose, String tokenHash, Instant created, Instant expires);

	/**
	 * Find a token that has not expired.
	 * @param tokenHash the token's hash
	 * @param now the current time
	 * @return the token, if it exists and is live
	 */
	Optional<OneTimeToken> find(String tokenHash, Instant now);

	/**
	 * Spend a token: delete it if it is live and serves the purpose. Of several
	 * concurrent calls for one token, exactly one returns {@code true}.
	 * @param tokenHash the token's hash
	 * @param purpose the purpose it must serve
	 * @param now the current time
	 * @return whether this call spent it
	 */
	boolean spend(String tokenHash, OneTimeTokenPurpose purpose, Instant now);

	/**
	 * Delete a user's tokens of the given purposes.
	 * @param userId the user
	 * @param purposes the purposes
	 * @return the number of tokens deleted
	 */
	int deleteAll(String userId, Set<OneTimeTokenPurpose> purposes);

	/**
	 * Delete at most {@code limit} expired tokens.
	 * @param now the current time
	 * @param limit the most rows deleted
	 * @return the number deleted
	 */
	int deleteExpired(Instant now, int limit);

}
