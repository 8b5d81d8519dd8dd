package io.github.jwtallauth.autoconfigure.social;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The links between provider accounts and users, in {@code jwt_allauth_social_account}.
 *
 * @author jwt-allauth contributors
 */
final class SocialAccountStore {

	private final JdbcTemplate jdbc;

	SocialAccountStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The link of a provider account, if any. */
	Optional<SocialAccount> find(String provider, String uid) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Link a provider account to a user.
	 * @return the new link
	 * @throws org.springframework.dao.DuplicateKeyException if the provider account is
	 * linked already (to anyone)
	 */
	SocialAccount link(String userId, String provider, String uid, Instant now) {
		throw new UnsupportedOperationException("not yet");
	}

	/** Record that a link signed its user in. */
	void touch(long id, Instant now) {
		throw new UnsupportedOperationException("not yet");
	}

	/** A user's links, ordered by id. */
	List<SocialAccount> forUser(String userId) {
		throw new UnsupportedOperationException("not yet");
	}

	/** Delete one of a user's links; false when the id is not one of the user's. */
	boolean delete(long id, String userId) {
		throw new UnsupportedOperationException("not yet");
	}

	/** How many links a user has. */
	int countForUser(String userId) {
		throw new UnsupportedOperationException("not yet");
	}

}
