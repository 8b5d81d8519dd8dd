package io.github.jwtallauth.autoconfigure.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The refresh-token whitelist: one entry per live device session. Writes are called
 * inside a transaction opened by {@link SessionService}. Declare a bean of this type to
 * replace {@link JpaSessionStore}.
 *
 * @author jwt-allauth contributors
 */
public interface SessionStore {

	/**
	 * Store a new session.
	 * @param session the session
	 */
	void insert(StoredSession session);

	/**
	 * Replace a session's current refresh-token id, if and only if it is still
	 * {@code currentJti}, the session is enabled, belongs to {@code userId} and has not
	 * expired. This single conditional write decides every race between concurrent
	 * rotations of one token.
	 * @param sessionId the session id
	 * @param userId the owner
	 * @param currentJti the id of the presented refresh token
	 * @param newJti the id of its successor
	 * @param now the rotation time
	 * @param expires the new expiry
	 * @param ip the client IP to record, or {@code null} to keep the stored one
	 * @return whether this call won the rotation
	 */
	boolean rotate(String sessionId, String userId, String currentJti, String newJti, Instant now, Instant expires,
			@Nullable String ip);

	/**
	 * Read a session, locking it for the rest of the transaction so that the newest
	 * committed state is seen whatever the isolation level.
	 * @param sessionId the session id
	 * @return the session, if it exists
	 */
	Optional<StoredSession> findForUpdate(String sessionId);

	/**
	 * Whether a session exists (enabled or not). The optional access-token session check
	 * calls it once per request, so it must be one indexed lookup.
	 * @param sessionId the session id
	 * @return whether it exists
	 */
	boolean exists(String sessionId);

	/**
	 * List a user's sessions, most recently used first.
	 * @param userId the owner
	 * @return the sessions
	 */
	List<StoredSession> findByUser(String userId);

	/**
	 * Delete one session of a user.
	 * @param sessionId the session id
	 * @param userId the owner; another user's session is left alone
	 * @return whether a session was deleted
	 */
	boolean delete(String sessionId, String userId);

	/**
	 * Delete every session of a user.
	 * @param userId the owner
	 * @return the number of sessions deleted
	 */
	int deleteAll(String userId);

	/**
	 * Delete up to {@code limit} sessions that expired before {@code now}.
	 * @param now the current time
	 * @param limit the batch size
	 * @return the number deleted, not counting rows another instance deleted meanwhile;
	 * fewer than {@code limit} means none is left, or another instance purges too
	 */
	int deleteExpired(Instant now, int limit);

}
