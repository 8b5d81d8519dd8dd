package io.github.jwtallauth.autoconfigure.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * {@link OneTimeTokenStore} on the {@code jwt_allauth_one_time_token} table. Spending is
 * one conditional {@code DELETE}, so the database decides which of several concurrent
 * uses wins.
 *
 * @author jwt-allauth contributors
 */
final class JpaOneTimeTokenStore implements OneTimeTokenStore {

	private final EntityManager entityManager;

	private final TransactionTemplate transaction;

	JpaOneTimeTokenStore(EntityManager entityManager, TransactionTemplate transaction) {
		Assert.notNull(entityManager, "'entityManager' must not be null");
		Assert.notNull(transaction, "'transaction' must not be null");
		this.entityManager = entityManager;
		this.transaction = transaction;
	}

	@Override
	public void save(String userId, OneTimeTokenPurpose purpose, String tokenHash, Instant created, Instant expires) {
		this.transaction.executeWithoutResult((status) -> this.entityManager
			.persist(new JwtAllAuthOneTimeToken(userId, purpose, tokenHash, millis(created), millis(expires))));
	}

	@Override
	public Optional<OneTimeToken> find(String tokenHash, Instant now) {
		List<JwtAllAuthOneTimeToken> found = this.transaction.execute((status) -> this.entityManager
			.createQuery("select t from JwtAllAuthOneTimeToken t where t.tokenHash = :hash and t.expires > :now",
					JwtAllAuthOneTimeToken.class)
			.setParameter("hash", tokenHash)
			.setParameter("now", millis(now))
			.getResultList());
		return (found == null) ? Optional.empty() : found.stream().findFirst().map(JwtAllAuthOneTimeToken::toToken);
	}

	@Override
	public boolean spend(String tokenHash, OneTimeTokenPurpose purpose, Instant now) {
		Integer deleted = this.transaction.execute((status) -> this.entityManager
			.createQuery("delete from JwtAllAuthOneTimeToken t where t.tokenHash = :hash and t.purpose = :purpose "
					+ "and t.expires > :now")
			.setParameter("hash", tokenHash)
			.setParameter("purpose", purpose)
			.setParameter("now", millis(now))
			.executeUpdate());
		return deleted != null && deleted == 1;
	}

	@Override
	public int deleteAll(String userId, Set<OneTimeTokenPurpose> purposes) {
		if (purposes.isEmpty()) {
			return 0;
		}
		// Read the keys first (a plain read takes no lock), then delete by key. A delete
		// by
		// user that finds nothing would lock the index gap instead (InnoDB, repeatable
		// read), and two instances issuing links for two users at once would deadlock on
		// their inserts into that gap, losing a mail.
		Integer deleted = this.transaction.execute((status) -> {
			List<Long> ids = this.entityManager
				.createQuery(
						"select t.id from JwtAllAuthOneTimeToken t where t.userId = :user and t.purpose in :purposes",
						Long.class)
				.setParameter("user", userId)
				.setParameter("purposes", purposes)
				.getResultList();
			return ids.isEmpty() ? 0
					: this.entityManager.createQuery("delete from JwtAllAuthOneTimeToken t where t.id in :ids")
						.setParameter("ids", ids)
						.executeUpdate();
		});
		return (deleted != null) ? deleted : 0;
	}

	@Override
	public int deleteExpired(Instant now, int limit) {
		Integer deleted = this.transaction.execute((status) -> {
			List<Long> ids = this.entityManager
				.createQuery("select t.id from JwtAllAuthOneTimeToken t where t.expires <= :now", Long.class)
				.setParameter("now", millis(now))
				.setMaxResults(limit)
				.getResultList();
			if (ids.isEmpty()) {
				return 0;
			}
			return this.entityManager.createQuery("delete from JwtAllAuthOneTimeToken t where t.id in :ids")
				.setParameter("ids", ids)
				.executeUpdate();
		});
		return (deleted != null) ? deleted : 0;
	}

	private static Instant millis(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS);
	}

}
