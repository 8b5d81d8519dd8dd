package io.github.jwtallauth.autoconfigure.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.hibernate.query.NativeQuery;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link SessionStore} on the {@link JwtAllAuthSession} entity with one statement per
 * operation, so that a rotation is a single {@code UPDATE}.
 *
 * @author jwt-allauth contributors
 */
final class JpaSessionStore implements SessionStore {

	private static final String ROTATE = "update jwt_allauth_session set jti = :newJti, previous_jti = :currentJti, "
			+ "rotated_at = :now, last_used = :now, expires = :expires where id = :id and jti = :currentJti "
			+ "and user_id = :userId and enabled = true and expires > :now";

	private static final String ROTATE_WITH_IP = ROTATE.replace("expires = :expires where",
			"expires = :expires, ip = :ip where");

	private final EntityManager entityManager;

	JpaSessionStore(EntityManager entityManager) {
		Assert.notNull(entityManager, "'entityManager' must not be null");
		this.entityManager = entityManager;
	}

	@Override
	public void insert(StoredSession session) {
		this.entityManager.persist(new JwtAllAuthSession(session));
		this.entityManager.flush();
	}

	// Native SQL: the hottest statement of the library skips Hibernate's per-execution
	// translation of
	// a JPQL update; parameters are still bound by Hibernate, with the entity's Instant
	// mapping.
	@Override
	public boolean rotate(String sessionId, String userId, String currentJti, String newJti, Instant now,
			Instant expires, @Nullable String ip) {
		String sql = (ip != null) ? ROTATE_WITH_IP : ROTATE;
		var query = this.entityManager.createNativeQuery(sql)
			.unwrap(NativeQuery.class)
			// only this table is touched: no need to flush or invalidate anything else
			.addSynchronizedEntityClass(JwtAllAuthSession.class)
			.setParameter("newJti", newJti)
			.setParameter("currentJti", currentJti)
			.setParameter("now", now)
			.setParameter("expires", expires)
			.setParameter("id", sessionId)
			.setParameter("userId", userId);
		if (ip != null) {
			query.setParameter("ip", ip);
		}
		return query.executeUpdate() == 1;
	}

	@Override
	public Optional<StoredSession> findForUpdate(String sessionId) {
		JwtAllAuthSession session = this.entityManager.find(JwtAllAuthSession.class, sessionId,
				LockModeType.PESSIMISTIC_WRITE);
		return Optional.ofNullable(session).map(JwtAllAuthSession::toStoredSession);
	}

	@Override
	public boolean exists(String sessionId) {
		return !this.entityManager.createQuery("select 1 from JwtAllAuthSession s where s.id = :id", Integer.class)
			.setParameter("id", sessionId)
			.setMaxResults(1)
			.getResultList()
			.isEmpty();
	}

	@Override
	public List<StoredSession> findByUser(String userId) {
		return this.entityManager
			.createQuery("select s from JwtAllAuthSession s where s.userId = :userId order by s.lastUsed desc, s.id",
					JwtAllAuthSession.class)
			.setParameter("userId", userId)
			.getResultList()
			.stream()
			.map(JwtAllAuthSession::toStoredSession)
			.toList();
	}

	@Override
	public boolean delete(String sessionId, String userId) {
		return this.entityManager.createQuery("delete from JwtAllAuthSession s where s.id = :id and s.userId = :userId")
			.setParameter("id", sessionId)
			.setParameter("userId", userId)
			.executeUpdate() > 0;
	}

	@Override
	public int deleteAll(String userId) {
		return this.entityManager.createQuery("delete from JwtAllAuthSession s where s.userId = :userId")
			.setParameter("userId", userId)
			.executeUpdate();
	}

	@Override
	public int deleteExpired(Instant now, int limit) {
		// Select then delete by id: portable (MariaDB refuses LIMIT in a subquery) and
		// each batch holds
		// its locks only briefly.
		List<String> ids = this.entityManager
			.createQuery("select s.id from JwtAllAuthSession s where s.expires <= :now", String.class)
			.setParameter("now", now)
			.setMaxResults(limit)
			.getResultList();
		if (ids.isEmpty()) {
			return 0;
		}
		// what was deleted, not what was selected: another instance's purge may have
		// taken
		// some of these rows meanwhile, and must not be counted twice
		return this.entityManager
			.createQuery("delete from JwtAllAuthSession s where s.id in :ids and s.expires <= :now")
			.setParameter("ids", ids)
			.setParameter("now", now)
			.executeUpdate();
	}

}
