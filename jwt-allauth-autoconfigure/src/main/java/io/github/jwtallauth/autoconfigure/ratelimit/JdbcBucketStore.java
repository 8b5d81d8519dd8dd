package io.github.jwtallauth.autoconfigure.ratelimit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.problem.DatabaseFailures;

/**
 * Bucket4j buckets in the table {@code jwt_allauth_rate_limit}, shared by every instance
 * that uses the database. Each change is a compare-and-swap: an {@code INSERT} for a new
 * bucket (the primary key decides between two instances), an
 * {@code UPDATE ... WHERE state = <what was read>} for an existing one; Bucket4j retries
 * a lost race. Plain SQL, so it runs alike on PostgreSQL, MySQL/MariaDB and H2. A row
 * records when its bucket will be full again, after which the purge job deletes it. A
 * database that cannot be reached is recognised by {@link DatabaseFailures}, as
 * everywhere else in jwt-allauth.
 *
 * @author jwt-allauth contributors
 */
final class JdbcBucketStore extends AbstractCompareAndSwapBasedProxyManager<String> implements SharedBucketStore {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final @Nullable TransactionTemplate outsideTransactions;

	private final @Nullable TransactionTemplate ownTransactions;

	JdbcBucketStore(JdbcTemplate jdbc, Clock clock) {
		this(jdbc, clock, null);
	}

	/**
	 * Create a store whose statements never join the caller's transaction: a count is
	 * taken at once, a lost insert race does not abort the caller's work, and no bucket
	 * row stays locked until the caller commits.
	 * @param jdbc the database
	 * @param clock the clock the rows' expiry is computed with (Bucket4j's own: the
	 * system clock)
	 * @param transactionManager the application's transaction manager, suspended around
	 * each statement of a caller inside a transaction, and running each statement of any
	 * other caller in a short transaction of its own
	 */
	JdbcBucketStore(JdbcTemplate jdbc, Clock clock, @Nullable PlatformTransactionManager transactionManager) {
		super(ClientSideConfig.getDefault());
		this.jdbc = jdbc;
		this.clock = clock;
		if (transactionManager != null) {
			this.outsideTransactions = new TransactionTemplate(transactionManager);
			this.outsideTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
			this.ownTransactions = new TransactionTemplate(transactionManager);
		}
		else {
			this.outsideTransactions = null;
			this.ownTransactions = null;
		}
	}

	// A caller outside any transaction gets a short transaction of its own rather than
	// none: under
	// JPA with open-in-view, the request's EntityManager already holds a connection, and
	// only a
	// transaction lets these statements use it. Without one each statement takes a second
	// connection from the pool, and a burst of logins larger than the pool waits for
	// itself.
	private <T> T outside(Supplier<T> work) {
		TransactionTemplate template = TransactionSynchronizationManager.isActualTransactionActive()
				? this.outsideTransactions : this.ownTransactions;
		return (template != null) ? template.execute((status) -> work.get()) : work.get();
	}

	@Override
	public String name() {
		return "jdbc";
	}

	@Override
	public ProxyManager<String> buckets() {
		return this;
	}

	// the same judgement as every other use of the database: the limit answers 503 when
	// jwt-allauth's endpoints would (a broken or refused connection, a pool timeout, a
	// rollback that found the connection closed by the pool), and a statement's own fault
	// stays a fault
	@Override
	public boolean unreachable(Throwable failure) {
		return DatabaseFailures.isUnavailable(failure);
	}

	@Override
	public void check() {
		// one primary-key lookup of an id that never exists: the table is there and
		// readable
		this.jdbc.queryForObject("select count(*) from jwt_allauth_rate_limit where id = ?", Integer.class,
				"health-check");
	}

	@Override
	protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
		return new CompareAndSwapOperation() {

			@Override
			public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
				List<byte[]> rows = outside(() -> JdbcBucketStore.this.jdbc
					.query("select state from jwt_allauth_rate_limit where id = ?", (rs, row) -> rs.getBytes(1), key));
				return rows.stream().findFirst();
			}

			@Override
			public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState,
					Optional<Long> timeoutNanos) {
				Instant now = JdbcBucketStore.this.clock.instant();
				Timestamp full = Timestamp.from(now.plusNanos(newState.calculateFullRefillingTime(nanos(now))));
				if (originalData == null) {
					try {
						return outside(() -> JdbcBucketStore.this.jdbc.update(
								"insert into jwt_allauth_rate_limit (id, state, expires) values (?, ?, ?)", key,
								newData, full)) == 1;
					}
					catch (DataIntegrityViolationException ex) {
						// another instance created the bucket first: Bucket4j reads it
						// and tries again
						return false;
					}
				}
				return outside(() -> JdbcBucketStore.this.jdbc.update(
						"update jwt_allauth_rate_limit set state = ?, expires = ? where id = ? and state = ?", newData,
						full, key, originalData)) == 1;
			}

		};
	}

	@Override
	protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
		throw new UnsupportedOperationException("jwt-allauth uses the synchronous API only");
	}

	@Override
	protected CompletableFuture<Void> removeAsync(String key) {
		return CompletableFuture
			.runAsync(() -> this.jdbc.update("delete from jwt_allauth_rate_limit where id = ?", key));
	}

	@Override
	public boolean isAsyncModeSupported() {
		return false;
	}

	@Override
	public void removeProxy(String key) {
		this.jdbc.update("delete from jwt_allauth_rate_limit where id = ?", key);
	}

	/**
	 * Delete at most {@code limit} buckets that are full again (their row says nothing
	 * any more).
	 * @param limit the most rows deleted
	 * @return the number deleted
	 */
	int deleteFull(int limit) {
		JdbcTemplate bounded = new JdbcTemplate(this.jdbc.getDataSource());
		bounded.setMaxRows(limit);
		List<String> ids = bounded.query("select id from jwt_allauth_rate_limit where expires < ?",
				(rs, row) -> rs.getString(1), Timestamp.from(this.clock.instant()));
		int deleted = 0;
		for (String id : ids) {
			deleted += this.jdbc.update("delete from jwt_allauth_rate_limit where id = ? and expires < ?", id,
					Timestamp.from(this.clock.instant()));
		}
		return deleted;
	}

	private static long nanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

}
