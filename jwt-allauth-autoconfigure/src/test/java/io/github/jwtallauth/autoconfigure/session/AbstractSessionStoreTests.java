package io.github.jwtallauth.autoconfigure.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokenPurpose;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokenStore;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokens;
import io.github.jwtallauth.autoconfigure.account.TokenSubjectFactory;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.test.MutableClock;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.autoconfigure.token.TokenService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The session store's rules, run against each database: the migrations create the tables,
 * one conditional write decides concurrent rotations, a replay revokes only its session,
 * the grace period hands every racer the same successor, expired rows are purged.
 */
public abstract class AbstractSessionStoreTests {

	static final int THREADS = 20;

	@Autowired
	SessionService sessions;

	@Autowired
	SessionStore store;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	TokenService tokens;

	@Autowired
	TokenSubjectFactory subjects;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	OneTimeTokenStore oneTimeTokens;

	UserAccount user;

	@BeforeEach
	void createUser() {
		this.user = new TestUsers(this.accounts, this.passwordEncoder).user();
	}

	@Test
	void migrationsWhenAppliedThenTablesAndHistoryExist() {
		assertThat(this.jdbc.queryForObject("select count(*) from " + historyTable(), Integer.class))
			.isGreaterThanOrEqualTo(1);
		assertThat(this.jdbc.queryForObject("select count(*) from jwt_allauth_session where user_id = ?", Integer.class,
				this.user.getId()))
			.isZero();
	}

	@Test
	void rotateWhenTwentyConcurrentRotationsOfOneTokenThenExactlyOneWins() throws Exception {
		IssuedSession session = this.sessions.open(this.user, null);
		List<Object> outcomes = race(() -> this.sessions.refresh(session.refreshToken(), null));
		List<IssuedSession> winners = outcomes.stream()
			.filter(IssuedSession.class::isInstance)
			.map(IssuedSession.class::cast)
			.toList();
		assertThat(winners).hasSize(1);
		assertThat(outcomes).filteredOn(JwtAllAuthException.class::isInstance)
			.hasSize(THREADS - 1)
			.allSatisfy(
					(failure) -> assertThat(((JwtAllAuthException) failure).getCode()).isEqualTo("token_not_valid"));
		// without a grace period the losers are replays: the session, winner's successor
		// included, is gone
		assertThatExceptionOfType(JwtAllAuthException.class)
			.isThrownBy(() -> this.sessions.refresh(winners.get(0).refreshToken(), null));
	}

	@Test
	void rotateWhenTwentyConcurrentRotationsWithinGracePeriodThenAllReceiveTheSameSuccessor() throws Exception {
		SessionService graceful = serviceWith(Map.of("jwtallauth.sessions.reuse-grace-period", "30s"));
		IssuedSession session = graceful.open(this.user, null);
		List<Object> outcomes = race(() -> graceful.refresh(session.refreshToken(), null));
		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome).isInstanceOf(IssuedSession.class));
		List<String> successors = outcomes.stream()
			.map((outcome) -> this.tokens.verifyRefreshToken(((IssuedSession) outcome).refreshToken()).tokenId())
			.distinct()
			.toList();
		assertThat(successors).hasSize(1);
		assertThat(outcomes.stream().map((outcome) -> ((IssuedSession) outcome).refreshToken()).distinct()).hasSize(1);
		assertThat(graceful.refresh(((IssuedSession) outcomes.get(0)).refreshToken(), null)).isNotNull();
	}

	@Test
	void replayWhenOneSessionReplayedThenOtherSessionsOfTheUserSurvive() {
		IssuedSession phone = this.sessions.open(this.user, null);
		IssuedSession laptop = this.sessions.open(this.user, null);
		this.sessions.refresh(phone.refreshToken(), null);
		assertThatExceptionOfType(JwtAllAuthException.class)
			.isThrownBy(() -> this.sessions.refresh(phone.refreshToken(), null));
		assertThat(this.store.findByUser(this.user.getId())).extracting(StoredSession::id)
			.containsExactly(laptop.sessionId());
		assertThat(this.sessions.refresh(laptop.refreshToken(), null)).isNotNull();
	}

	@Test
	void rotateWhenTokenOfAnotherUserForgedIntoSessionThenNothingChanges() {
		IssuedSession session = this.sessions.open(this.user, null);
		StoredSession before = this.store.findByUser(this.user.getId()).get(0);
		boolean rotated = new TransactionTemplate(this.transactionManager)
			.execute((status) -> this.store.rotate(session.sessionId(), "someone-else", before.jti(), "x".repeat(32),
					Instant.now(), Instant.now().plusSeconds(60), null));
		assertThat(rotated).isFalse();
		assertThat(this.store.findByUser(this.user.getId()).get(0).jti()).isEqualTo(before.jti());
	}

	@Test
	void purgeWhenRowsExpiredThenDeletedInBatches() {
		for (int i = 0; i < 5; i++) {
			this.sessions.open(this.user, null);
		}
		IssuedSession live = this.sessions.open(this.user, null);
		this.jdbc.update("update jwt_allauth_session set expires = ? where user_id = ? and id <> ?",
				Timestamp.from(Instant.now().minusSeconds(5)), this.user.getId(), live.sessionId());
		int deleted = 0;
		int batch;
		do {
			Integer count = new TransactionTemplate(this.transactionManager)
				.execute((status) -> this.store.deleteExpired(Instant.now(), 2));
			batch = (count != null) ? count : 0;
			deleted += batch;
		}
		while (batch == 2);
		assertThat(deleted).isGreaterThanOrEqualTo(5);
		assertThat(this.store.findByUser(this.user.getId())).extracting(StoredSession::id)
			.containsExactly(live.sessionId());
	}

	@Test
	void listWhenSessionsUsedThenMostRecentlyUsedFirst() {
		// sessions are stamped to the second: a clock of its own moves this service one
		// second on
		MutableClock clock = new MutableClock(Instant.now());
		SessionService service = serviceWith(Map.of(), clock);
		IssuedSession older = service.open(this.user, null);
		IssuedSession newer = service.open(this.user, null);
		clock.advance(Duration.ofSeconds(1));
		service.refresh(older.refreshToken(), null);
		assertThat(this.store.findByUser(this.user.getId())).extracting(StoredSession::id)
			.containsExactly(older.sessionId(), newer.sessionId());
		assertThat(this.store.exists(older.sessionId())).isTrue();
		assertThat(this.store.exists("no-such-session")).isFalse();
	}

	/**
	 * Return the name of Flyway's history table as this database's SQL must spell it.
	 * @return the table name
	 */
	@Test
	void oneTimeTokenWhenSpentConcurrentlyThenExactlyOneWins() throws Exception {
		String hash = OneTimeTokens.hash(OneTimeTokens.newToken());
		Instant now = Instant.now();
		this.oneTimeTokens.save(this.user.getId(), OneTimeTokenPurpose.PASSWORD_RESET_ACCESS, hash, now,
				now.plusSeconds(3600));
		assertThat(this.oneTimeTokens.find(hash, now)).hasValueSatisfying((token) -> {
			assertThat(token.userId()).isEqualTo(this.user.getId());
			assertThat(token.purpose()).isEqualTo(OneTimeTokenPurpose.PASSWORD_RESET_ACCESS);
		});
		// a token spent for another purpose is not spent at all
		assertThat(this.oneTimeTokens.spend(hash, OneTimeTokenPurpose.PASSWORD_SET_ACCESS, now)).isFalse();
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return this.oneTimeTokens.spend(hash, OneTimeTokenPurpose.PASSWORD_RESET_ACCESS, Instant.now());
				}));
			}
			start.countDown();
			int winners = 0;
			for (Future<Boolean> result : results) {
				winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
			}
			assertThat(winners).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.oneTimeTokens.find(hash, now)).isEmpty();
	}

	@Test
	void oneTimeTokenWhenExpiredThenUnusableAndPurged() {
		Instant now = Instant.now();
		String expired = OneTimeTokens.hash(OneTimeTokens.newToken());
		String live = OneTimeTokens.hash(OneTimeTokens.newToken());
		this.oneTimeTokens.save(this.user.getId(), OneTimeTokenPurpose.EMAIL_VERIFICATION, expired,
				now.minusSeconds(7200), now.minusSeconds(60));
		this.oneTimeTokens.save(this.user.getId(), OneTimeTokenPurpose.INVITATION, live, now, now.plusSeconds(60));
		assertThat(this.oneTimeTokens.find(expired, now)).isEmpty();
		assertThat(this.oneTimeTokens.spend(expired, OneTimeTokenPurpose.EMAIL_VERIFICATION, now)).isFalse();
		int purged = 0;
		int batch;
		do {
			batch = this.oneTimeTokens.deleteExpired(now, 1000);
			purged += batch;
		}
		while (batch == 1000);
		assertThat(purged).isGreaterThanOrEqualTo(1);
		assertThat(this.jdbc.queryForObject("select count(*) from jwt_allauth_one_time_token where token_hash = ?",
				Integer.class, expired))
			.isZero();
		assertThat(this.oneTimeTokens.deleteAll(this.user.getId(), EnumSet.of(OneTimeTokenPurpose.INVITATION)))
			.isEqualTo(1);
		assertThat(this.oneTimeTokens.find(live, now)).isEmpty();
	}

	protected String historyTable() {
		return JwtAllAuthSchemaMigrator.HISTORY_TABLE;
	}

	SessionService serviceWith(Map<String, String> overrides) {
		return serviceWith(overrides, Clock.systemUTC());
	}

	SessionService serviceWith(Map<String, String> overrides, Clock clock) {
		Map<String, String> source = new HashMap<>(overrides);
		source.putIfAbsent("jwtallauth.jwt.secret", "unused-by-session-service-0123456789abcdef");
		JwtAllAuthProperties properties = new Binder(new MapConfigurationPropertySource(source))
			.bind("jwtallauth", JwtAllAuthProperties.class)
			.get();
		return new SessionService(this.store, this.tokens, this.accounts, this.subjects,
				new TransactionTemplate(this.transactionManager), this.events, properties.jwt(), properties.sessions(),
				properties.emailVerification() == JwtAllAuthProperties.EmailVerification.MANDATORY, clock);
	}

	static List<Object> race(Callable<Object> rotation) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		CountDownLatch ready = new CountDownLatch(THREADS);
		CountDownLatch go = new CountDownLatch(1);
		try {
			List<Future<Object>> futures = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				futures.add(executor.submit(() -> {
					ready.countDown();
					go.await();
					try {
						return rotation.call();
					}
					catch (JwtAllAuthException ex) {
						return ex;
					}
				}));
			}
			ready.await(10, TimeUnit.SECONDS);
			go.countDown();
			List<Object> outcomes = new ArrayList<>();
			for (Future<Object> future : futures) {
				outcomes.add(future.get(60, TimeUnit.SECONDS));
			}
			return outcomes;
		}
		finally {
			executor.shutdownNow();
		}
	}

}
