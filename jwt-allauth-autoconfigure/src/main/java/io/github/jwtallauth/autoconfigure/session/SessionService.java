package io.github.jwtallauth.autoconfigure.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.log.LogMessage;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.TokenSubjectFactory;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.token.ExpiredRefreshTokenException;
import io.github.jwtallauth.autoconfigure.token.InvalidTokenException;
import io.github.jwtallauth.autoconfigure.token.RefreshTokenClaims;
import io.github.jwtallauth.autoconfigure.token.SessionTokenClaims;
import io.github.jwtallauth.autoconfigure.token.TokenIds;
import io.github.jwtallauth.autoconfigure.token.TokenService;
import io.github.jwtallauth.autoconfigure.token.TokenSubject;

/**
 * Opens, rotates, lists and revokes device sessions: the refresh-token whitelist's rules
 * on top of a {@link SessionStore}. A rotation is one transaction: the conditional
 * {@code UPDATE} that decides races, then the read of the user whose role, verification
 * and attributes go into the new tokens. Tokens are signed after the commit so that no
 * lock is held while signing.
 *
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class SessionService {

	private static final Log logger = LogFactory.getLog(SessionService.class);

	private final SessionStore store;

	private final TokenService tokens;

	private final AccountService accounts;

	private final TokenSubjectFactory subjects;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Duration refreshLifetime;

	private final @Nullable Duration sessionLifetime;

	private final Duration reuseGracePeriod;

	private final boolean requireVerifiedEmail;

	public SessionService(SessionStore store, TokenService tokens, AccountService accounts,
			TokenSubjectFactory subjects, TransactionTemplate transaction, ApplicationEventPublisher events,
			JwtAllAuthProperties.Jwt jwt, JwtAllAuthProperties.Sessions sessions, boolean requireVerifiedEmail,
			Clock clock) {
		Assert.notNull(store, "'store' must not be null");
		Assert.notNull(tokens, "'tokens' must not be null");
		Assert.notNull(accounts, "'accounts' must not be null");
		this.store = store;
		this.tokens = tokens;
		this.accounts = accounts;
		this.subjects = subjects;
		this.transaction = transaction;
		this.events = events;
		this.clock = clock;
		this.refreshLifetime = jwt.refreshTokenLifetime();
		this.sessionLifetime = jwt.sessionLifetime();
		this.reuseGracePeriod = sessions.reuseGracePeriod();
		this.requireVerifiedEmail = requireVerifiedEmail;
	}

	/**
	 * Open a new device session for a user who has just proved who they are.
	 * @param user the user
	 * @param device what is recorded about the client, or {@code null} for nothing
	 * (outside a request)
	 * @return the session's tokens
	 */
	public IssuedSession open(UserAccount user, @Nullable DeviceInfo device) {
		Instant now = now();
		Instant deadline = deadline(now);
		Instant expires = min(now.plus(this.refreshLifetime), deadline);
		String sessionId = TokenIds.newTokenId();
		String jti = TokenIds.newTokenId();
		DeviceInfo client = (device != null) ? device : DeviceInfo.NONE;
		this.transaction.executeWithoutResult((status) -> {
			this.store.insert(new StoredSession(sessionId, user.getId(), jti, null, null, true, now, now, expires,
					client.ip(), client.userAgent(), client.browser(), client.os(), client.device()));
			this.accounts.recordLogin(user.getId(), now);
		});
		SessionTokenClaims session = new SessionTokenClaims(sessionId, now, deadline);
		return issue(this.subjects.create(user, session), session, jti, now, expires);
	}

	/**
	 * Rotate a refresh token.
	 * @param refreshToken the presented refresh token
	 * @param clientIp the client IP recorded with the rotation, or {@code null} for none
	 * @return the new tokens
	 * @throws JwtAllAuthException 401 {@code token_not_valid}, {@code session_expired} or
	 * {@code email_not_verified}
	 */
	public IssuedSession refresh(String refreshToken, @Nullable String clientIp) {
		RefreshTokenClaims claims = verify(refreshToken);
		Instant now = now();
		Instant deadline = deadline(claims.sessionIssuedAt());
		Rotation rotation = this.transaction.execute((status) -> rotate(claims, now, deadline, clientIp));
		Assert.state(rotation != null, "No rotation outcome");
		switch (rotation.outcome()) {
			case ROTATED, GRACE -> {
				this.events.publishEvent(new SessionRefreshedEvent(claims.subject(), claims.sessionId()));
				SessionTokenClaims session = new SessionTokenClaims(claims.sessionId(), claims.sessionIssuedAt(),
						deadline);
				return issue(rotation.subject(), session, rotation.jti(), rotation.issuedAt(), rotation.expires());
			}
			case REPLAYED -> {
				logger.warn(LogMessage.format("Refresh token reuse detected: session %s of user %s revoked",
						claims.sessionId(), claims.subject()));
				StoredSession revoked = rotation.revoked();
				Assert.state(revoked != null, "No revoked session");
				this.events.publishEvent(new RefreshTokenReuseDetectedEvent(claims.subject(), claims.sessionId(), now,
						revoked.ip(), revoked.browser(), revoked.os(), revoked.device()));
				throw JwtAllAuthException.tokenNotValid();
			}
			case SESSION_EXPIRED -> throw sessionExpired();
			case DISABLED -> throw new JwtAllAuthException(ErrorCode.EMAIL_NOT_VERIFIED);
			default -> throw JwtAllAuthException.tokenNotValid();
		}
	}

	private Rotation rotate(RefreshTokenClaims claims, Instant now, Instant deadline, @Nullable String ip) {
		String sessionId = claims.sessionId();
		SessionTokenClaims tokenSession = new SessionTokenClaims(sessionId, claims.sessionIssuedAt(), deadline);
		String userId = claims.subject();
		if (!now.isBefore(deadline)) {
			this.store.delete(sessionId, userId);
			return Rotation.of(Outcome.SESSION_EXPIRED);
		}
		String newJti = TokenIds.newTokenId();
		Instant expires = min(now.plus(this.refreshLifetime), deadline);
		if (this.store.rotate(sessionId, userId, claims.tokenId(), newJti, now, expires, ip)) {
			return withActiveUser(tokenSession, userId,
					(subject) -> new Rotation(Outcome.ROTATED, subject, newJti, now, expires));
		}
		// Lost: find out why, on the newest committed state of the row.
		Optional<StoredSession> found = this.store.findForUpdate(sessionId);
		if (found.isEmpty() || !found.get().userId().equals(userId)) {
			return Rotation.of(Outcome.REVOKED);
		}
		StoredSession session = found.get();
		if (!session.jti().equals(claims.tokenId())) {
			if (isWithinGracePeriod(session, claims.tokenId(), now)) {
				return withActiveUser(tokenSession, userId, (subject) -> new Rotation(Outcome.GRACE, subject,
						session.jti(), session.rotatedAt(), session.expires()));
			}
			this.store.delete(sessionId, userId);
			// what the reuse alert says about the device: the row is gone once this
			// commits
			return Rotation.replayed(session);
		}
		if (!session.enabled()) {
			return Rotation.of(Outcome.DISABLED);
		}
		this.store.delete(sessionId, userId);
		return Rotation.of(Outcome.REVOKED);
	}

	private boolean isWithinGracePeriod(StoredSession session, String presentedJti, Instant now) {
		return !this.reuseGracePeriod.isZero() && session.enabled() && now.isBefore(session.expires())
				&& presentedJti.equals(session.previousJti()) && session.rotatedAt() != null
				&& now.isBefore(session.rotatedAt().plus(this.reuseGracePeriod));
	}

	private Rotation withActiveUser(SessionTokenClaims session, String userId,
			Function<TokenSubject, Rotation> rotation) {
		String sessionId = session.sessionId();
		Optional<UserAccount> user = this.accounts.findById(userId);
		if (user.isEmpty() || !user.get().isActive()) {
			// an inactive user loses every session
			this.store.deleteAll(userId);
			return Rotation.of(Outcome.REVOKED);
		}
		if (this.requireVerifiedEmail && !user.get().isEmailVerified()) {
			// only after a switch to mandatory verification: the session ends, login will
			// say why
			this.store.delete(sessionId, userId);
			return Rotation.of(Outcome.DISABLED);
		}
		return rotation.apply(this.subjects.create(user.get(), session));
	}

	/**
	 * Close the session of a refresh token that belongs to the given user.
	 * @param userId the authenticated user
	 * @param refreshToken the refresh token of the session to close
	 * @throws JwtAllAuthException 400 {@code invalid_token} if the token is not a live
	 * token of the user
	 */
	public void logout(String userId, String refreshToken) {
		RefreshTokenClaims claims;
		try {
			claims = this.tokens.verifyRefreshToken(refreshToken);
		}
		catch (InvalidTokenException ex) {
			throw invalidToken();
		}
		if (!claims.subject().equals(userId)) {
			throw invalidToken();
		}
		Boolean deleted = this.transaction.execute((status) -> this.store.delete(claims.sessionId(), userId));
		if (!Boolean.TRUE.equals(deleted)) {
			throw invalidToken();
		}
		this.events.publishEvent(new UserLoggedOutEvent(userId, claims.sessionId()));
	}

	/**
	 * Close every session of a user.
	 * @param userId the user
	 * @return the number of sessions closed
	 */
	public int logoutAll(String userId) {
		Integer deleted = this.transaction.execute((status) -> this.store.deleteAll(userId));
		this.events.publishEvent(new UserLoggedOutEvent(userId, "*"));
		return (deleted != null) ? deleted : 0;
	}

	/**
	 * After a credential change: close every session of the user, then open one for the
	 * caller.
	 * @param user the user
	 * @param device what is recorded about the caller's client, or {@code null} for
	 * nothing
	 * @return the caller's new session
	 */
	public IssuedSession replaceAll(UserAccount user, @Nullable DeviceInfo device) {
		this.transaction.executeWithoutResult((status) -> this.store.deleteAll(user.getId()));
		this.events.publishEvent(new UserLoggedOutEvent(user.getId(), "*"));
		return open(user, device);
	}

	/**
	 * Close one session of a user.
	 * @param userId the user
	 * @param sessionId the session
	 * @return whether the user had that session
	 */
	public boolean revoke(String userId, String sessionId) {
		Boolean deleted = this.transaction.execute((status) -> this.store.delete(sessionId, userId));
		if (Boolean.TRUE.equals(deleted)) {
			this.events.publishEvent(new UserLoggedOutEvent(userId, sessionId));
			return true;
		}
		return false;
	}

	/**
	 * List a user's sessions, most recently used first.
	 * @param userId the user
	 * @return the sessions
	 */
	public List<StoredSession> list(String userId) {
		return this.store.findByUser(userId);
	}

	/**
	 * Whether a session still exists; the optional access-token session check.
	 * @param sessionId the session
	 * @return whether it is live
	 */
	public boolean isActive(String sessionId) {
		return this.store.exists(sessionId);
	}

	/**
	 * Delete sessions that expired, in batches.
	 * @param batchSize the number of rows deleted per transaction
	 * @return the number deleted
	 */
	public int purgeExpired(int batchSize) {
		int total = 0;
		int deleted;
		do {
			deleted = purgeBatch(batchSize);
			total += deleted;
		}
		while (deleted == batchSize);
		return total;
	}

	/**
	 * Delete at most one batch of expired sessions, in one transaction.
	 * @param batchSize the most rows deleted
	 * @return the number deleted
	 */
	public int purgeBatch(int batchSize) {
		Instant now = now();
		Integer deleted = this.transaction.execute((status) -> this.store.deleteExpired(now, batchSize));
		return (deleted != null) ? deleted : 0;
	}

	/**
	 * Return the absolute deadline of a session opened at the given time.
	 * @param sessionIssuedAt when the session was opened
	 * @return the deadline, or {@link Instant#MAX} without a session lifetime
	 */
	public Instant deadline(Instant sessionIssuedAt) {
		return (this.sessionLifetime != null) ? sessionIssuedAt.plus(this.sessionLifetime) : Instant.MAX;
	}

	private RefreshTokenClaims verify(String refreshToken) {
		try {
			return this.tokens.verifyRefreshToken(refreshToken);
		}
		catch (ExpiredRefreshTokenException ex) {
			RefreshTokenClaims claims = ex.getClaims();
			if (!now().isBefore(deadline(claims.sessionIssuedAt()))) {
				this.transaction
					.executeWithoutResult((status) -> this.store.delete(claims.sessionId(), claims.subject()));
				throw sessionExpired();
			}
			throw JwtAllAuthException.tokenNotValid();
		}
		catch (InvalidTokenException ex) {
			logger.debug(LogMessage.format("Refresh refused: %s", ex.getMessage()));
			throw JwtAllAuthException.tokenNotValid();
		}
	}

	private IssuedSession issue(TokenSubject subject, SessionTokenClaims session, String jti, Instant issuedAt,
			Instant expires) {
		String access = this.tokens.createAccessToken(subject, session);
		String refresh = this.tokens.createRefreshToken(subject, session, jti, issuedAt, expires);
		return new IssuedSession(session.sessionId(), access, refresh, expires);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static JwtAllAuthException sessionExpired() {
		return new JwtAllAuthException(ErrorCode.SESSION_EXPIRED);
	}

	private static JwtAllAuthException invalidToken() {
		return new JwtAllAuthException(ErrorCode.INVALID_TOKEN);
	}

	private enum Outcome {

		ROTATED, GRACE, REPLAYED, REVOKED, SESSION_EXPIRED, DISABLED

	}

	private record Rotation(Outcome outcome, @Nullable TokenSubject subject, @Nullable String jti,
			@Nullable Instant issuedAt, @Nullable Instant expires, @Nullable StoredSession revoked) {

		Rotation(Outcome outcome, @Nullable TokenSubject subject, @Nullable String jti, @Nullable Instant issuedAt,
				@Nullable Instant expires) {
			this(outcome, subject, jti, issuedAt, expires, null);
		}

		static Rotation of(Outcome outcome) {
			return new Rotation(outcome, null, null, null, null);
		}

		static Rotation replayed(StoredSession revoked) {
			return new Rotation(Outcome.REPLAYED, null, null, null, null, revoked);
		}

	}

}
