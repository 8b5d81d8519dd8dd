package io.github.jwtallauth.autoconfigure.social;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.account.OneTimeTokens;
import io.github.jwtallauth.autoconfigure.housekeeping.ExpiredRows;

/**
 * Links that wait for a second factor. When a provider account resolves to an existing
 * account that owes an MFA code, linking it at once would let whoever holds the provider
 * account skip the second factor next time; so the link is held under the MFA challenge's
 * id and written only when that very challenge is passed, by the same user. Another
 * challenge of the same user, passed later, does not write it. Held links last as long as
 * a challenge does; the purge job deletes them after that.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class SocialPendingLinks {

	private static final Log logger = LogFactory.getLog(SocialPendingLinks.class);

	private final JdbcTemplate jdbc;

	private final SocialAccountStore store;

	private final TransactionTemplate transaction;

	private final Duration lifetime;

	private final Clock clock;

	SocialPendingLinks(JdbcTemplate jdbc, SocialAccountStore store, TransactionTemplate transaction, Duration lifetime,
			Clock clock) {
		this.jdbc = jdbc;
		this.store = store;
		this.transaction = transaction;
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/**
	 * Hold a link until a challenge is passed, in the caller's transaction if there is
	 * one.
	 * @param challengeId the id of the login or setup challenge the user must pass
	 * @param userId the account the provider account resolved to
	 * @param identity the provider account
	 */
	void hold(String challengeId, String userId, SocialIdentity identity) {
		Instant now = this.clock.instant();
		this.jdbc.update(
				"insert into jwt_allauth_social_pending_link (challenge_hash, user_id, provider, uid, expires) "
						+ "values (?, ?, ?, ?, ?)",
				OneTimeTokens.hash(challengeId), userId, identity.provider(), identity.uid(),
				Timestamp.from(now.plus(this.lifetime)));
	}

	/**
	 * Write the link held for a challenge the user has just passed, if any. A provider
	 * account linked meanwhile (to anyone) stays as it is.
	 * @param challengeId the id of the challenge passed
	 * @param userId the user who passed it
	 */
	public void complete(String challengeId, String userId) {
		String hash = OneTimeTokens.hash(challengeId);
		try {
			this.transaction.executeWithoutResult((status) -> {
				Instant now = this.clock.instant();
				List<String[]> held = this.jdbc.query(
						"select provider, uid from jwt_allauth_social_pending_link "
								+ "where challenge_hash = ? and user_id = ? and expires >= ?",
						(rs, row) -> new String[] { rs.getString("provider"), rs.getString("uid") }, hash, userId,
						Timestamp.from(now));
				// deleted first: of two requests completing one challenge, one links
				if (held.isEmpty() || this.jdbc
					.update("delete from jwt_allauth_social_pending_link where challenge_hash = ?", hash) != 1) {
					return;
				}
				String provider = held.get(0)[0];
				String uid = held.get(0)[1];
				if (this.store.find(provider, uid).isEmpty()) {
					this.store.link(userId, provider, uid, now);
				}
			});
		}
		catch (DuplicateKeyException ex) {
			// linked by a concurrent request in the meantime: the second factor was still
			// passed, so the sign-in goes on without this link
			logger.debug("A held social link was linked meanwhile; left as it is");
		}
	}

	/**
	 * Delete at most a batch of held links whose challenge has expired.
	 * @param batchSize the most rows to delete
	 * @return how many were deleted
	 */
	public int purge(int batchSize) {
		return ExpiredRows.delete(this.jdbc, "jwt_allauth_social_pending_link", "challenge_hash", "expires",
				Timestamp.from(this.clock.instant()), batchSize);
	}

}
