package io.github.jwtallauth.autoconfigure.ratelimit;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.Rate;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.test.BreakableHikariPool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A shared store that cannot be reached fails closed: the limiter answers
 * {@code unavailable}, a login is refused before its password is looked at, and one line
 * is logged without a stack trace; a fault that is not an outage is not disguised as one.
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedStoreUnavailableTests {

	private static final Rate RATE = Rate.valueOf("5/1m");

	@Test
	void jdbcStoreWhenDatabaseCannotBeReachedThenUnavailableAndOneLineLogged(CapturedOutput output) {
		AbstractDataSource down = new AbstractDataSource() {

			@Override
			public Connection getConnection() throws SQLException {
				throw new SQLException("Connection to 127.0.0.1:1 refused", "08001");
			}

			@Override
			public Connection getConnection(String username, String password) throws SQLException {
				return getConnection();
			}

		};
		RateLimiter plain = Bucket4jRateLimiter
			.distributed(new JdbcBucketStore(new JdbcTemplate(down), Clock.systemUTC()));
		RateLimiter transactional = Bucket4jRateLimiter.distributed(
				new JdbcBucketStore(new JdbcTemplate(down), Clock.systemUTC(), new DataSourceTransactionManager(down)));
		for (RateLimiter limiter : new RateLimiter[] { plain, transactional }) {
			assertUnavailable(() -> limiter.tryConsume("test", "someone@example.com", RATE));
			assertUnavailable(() -> limiter.refund("test", "someone@example.com", RATE));
		}
		assertThat(output.getAll()).contains("The jdbc rate-limit store cannot be reached")
			.contains("Connection to 127.0.0.1:1 refused")
			.doesNotContain("someone@example.com")
			.doesNotContain("\tat ");
	}

	@Test
	void jdbcStoreWhenTheConnectionBreaksUnderThePoolThenUnavailable(CapturedOutput output) {
		// Hikari evicts the broken connection, and the rollback that follows fails with
		// Hikari's own exception, which hides the connection error: judged as
		// jwt-allauth's
		// endpoints judge it, not as a fault
		try (BreakableHikariPool pool = new BreakableHikariPool()) {
			new ResourceDatabasePopulator(
					new ClassPathResource("db/migration/jwtallauth/h2/JWTALLAUTH_V4__rate_limits.sql"))
				.execute(pool.dataSource());
			RateLimiter limiter = Bucket4jRateLimiter
				.distributed(new JdbcBucketStore(new JdbcTemplate(pool.dataSource()), Clock.systemUTC(),
						new DataSourceTransactionManager(pool.dataSource())));
			assertThat(limiter.tryConsume("test", "someone@example.com", RATE).allowed()).isTrue();
			pool.breakConnections();
			assertUnavailable(() -> limiter.tryConsume("test", "someone@example.com", RATE));
		}
		assertThat(output.getAll()).contains("The jdbc rate-limit store cannot be reached")
			.doesNotContain("someone@example.com");
	}

	@Test
	void jdbcStoreWhenThePoolIsClosedThenUnavailable() {
		BreakableHikariPool pool = new BreakableHikariPool();
		RateLimiter limiter = Bucket4jRateLimiter
			.distributed(new JdbcBucketStore(new JdbcTemplate(pool.dataSource()), Clock.systemUTC()));
		pool.close();
		assertUnavailable(() -> limiter.tryConsume("test", "someone@example.com", RATE));
	}

	@Test
	void jdbcStoreWhenTheStatementFailsThenNotMistakenForAnOutage() {
		// a database that answers, without the table: a fault to fix, not an outage
		DriverManagerDataSource database = new DriverManagerDataSource(
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		RateLimiter limiter = Bucket4jRateLimiter
			.distributed(new JdbcBucketStore(new JdbcTemplate(database), Clock.systemUTC()));
		assertThatRuntimeException().isThrownBy(() -> limiter.tryConsume("test", "key", RATE))
			.isNotInstanceOf(JwtAllAuthException.class);
	}

	@Test
	void redisStoreWhenNothingListensThenLoginRefusedBeforeThePasswordIsChecked() {
		RedisClient client = RedisClient.create(RedisURI.create(RedisUnderTest.closedPortUrl()));
		RedisBucketStore store = new RedisBucketStore(() -> client, "jwtallauth-test:" + UUID.randomUUID() + ":");
		try {
			LoginThrottle throttle = new LoginThrottle(Bucket4jRateLimiter.distributed(store), limits());
			for (int i = 0; i < 3; i++) {
				assertUnavailable(() -> throttle.check("someone@example.com", "192.0.2.1", () -> {
					throw new AssertionError("the password must not be checked");
				}));
			}
			assertThatRuntimeException().isThrownBy(() -> new RateLimitStoreProbe(store).check());
		}
		finally {
			store.destroy();
			client.shutdown();
		}
	}

	@Test
	void redisStoreWhenTheServerGoesAwayThenUnavailableWithinTheTimeout() throws Exception {
		assumeThat(RedisUnderTest.available()).as("a Redis to reach").isTrue();
		URI redis = URI.create(RedisUnderTest.url());
		try (TcpProxy proxy = new TcpProxy(redis.getHost(), redis.getPort())) {
			RedisURI uri = RedisURI.create(RedisUnderTest.url());
			uri.setPort(proxy.port());
			uri.setTimeout(Duration.ofMillis(500));
			RedisClient client = RedisClient.create(uri);
			RedisBucketStore store = new RedisBucketStore(() -> client, "jwtallauth-test:" + UUID.randomUUID() + ":");
			try {
				RateLimiter limiter = Bucket4jRateLimiter.distributed(store);
				assertThat(limiter.tryConsume("test", "key", RATE).allowed()).isTrue();
				new RateLimitStoreProbe(store).check();
				proxy.close();
				long started = System.nanoTime();
				assertUnavailable(() -> limiter.tryConsume("test", "key", RATE));
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
				assertThatRuntimeException().isThrownBy(() -> new RateLimitStoreProbe(store).check());
			}
			finally {
				store.destroy();
				client.shutdown();
			}
		}
	}

	private static JwtAllAuthProperties.RateLimit limits() {
		return new JwtAllAuthProperties.RateLimit(true, Rate.valueOf("10/1m"), Rate.valueOf("5/5m"),
				Rate.valueOf("5/1m"), Rate.valueOf("1/3m"), Rate.valueOf("20/1m"),
				JwtAllAuthProperties.RateLimitBackend.REDIS);
	}

	private static void assertUnavailable(Runnable call) {
		assertThatExceptionOfType(JwtAllAuthException.class).isThrownBy(call::run)
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE));
	}

}
