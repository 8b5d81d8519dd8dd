package io.github.jwtallauth.autoconfigure.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.Rate;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokens;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * {@link RateLimiter} on Bucket4j token buckets: one bucket per family and key, holding
 * {@code count} tokens and refilled gradually over the rate's period. The buckets live in
 * memory ({@link #inMemory(long)}, per instance, lost on restart) or in a shared store
 * reached through a Bucket4j {@link ProxyManager} ({@link #distributed(ProxyManager)},
 * e.g. {@link JdbcBucketStore}, {@link RedisBucketStore}). Keys are hashed before they
 * are used, so addresses are never stored.
 * <p>
 * A shared store that cannot be reached fails closed: the limiter answers
 * {@code unavailable} (503) rather than let an uncounted attempt through, and logs one
 * line, without the store's stack trace, at most every {@link #WARN_INTERVAL}.
 *
 * @author jwt-allauth contributors
 */
final class Bucket4jRateLimiter implements RateLimiter {

	/** The shortest time between two warnings that the store cannot be reached. */
	static final Duration WARN_INTERVAL = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(Bucket4jRateLimiter.class);

	private final Function<BucketRequest, Bucket> buckets;

	private final @Nullable SharedBucketStore store;

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL.toNanos());

	/**
	 * Create a limiter over a source of buckets.
	 * @param buckets returns the bucket of a key, creating it for the rate when it is new
	 */
	Bucket4jRateLimiter(Function<BucketRequest, Bucket> buckets) {
		this(buckets, null);
	}

	private Bucket4jRateLimiter(Function<BucketRequest, Bucket> buckets, @Nullable SharedBucketStore store) {
		this.buckets = buckets;
		this.store = store;
	}

	/**
	 * A limiter that keeps at most the given number of buckets in memory (the least
	 * recently used go first, which only makes the limit more lenient for them).
	 * @param maximumBuckets the bound on memory
	 * @return the limiter
	 */
	static Bucket4jRateLimiter inMemory(long maximumBuckets) {
		// forgotten once it would be full again: one period after the last use
		Cache<String, Entry> cache = Caffeine.newBuilder()
			.maximumSize(maximumBuckets)
			.expireAfter(new Expiry<String, Entry>() {

				@Override
				public long expireAfterCreate(String key, Entry value, long currentTime) {
					return value.rate().period().toNanos();
				}

				@Override
				public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
					return value.rate().period().toNanos();
				}

				@Override
				public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
					return value.rate().period().toNanos();
				}

			})
			.build();
		return new Bucket4jRateLimiter(
				(request) -> cache
					.get(request.id(),
							(id) -> new Entry(request.rate(),
									Bucket.builder().addLimit(bandwidth(request.rate())).build()))
					.bucket());
	}

	private record Entry(Rate rate, Bucket bucket) {
	}

	/**
	 * A limiter whose buckets live in a shared store, seen alike by every instance.
	 * @param store the store
	 * @return the limiter
	 */
	static Bucket4jRateLimiter distributed(SharedBucketStore store) {
		ProxyManager<String> buckets = store.buckets();
		return new Bucket4jRateLimiter((request) -> buckets.builder()
			.build(request.id(), () -> BucketConfiguration.builder().addLimit(bandwidth(request.rate())).build()),
				store);
	}

	@Override
	public Decision tryConsume(String family, String key, Rate rate) {
		ConsumptionProbe probe = reach(() -> bucket(family, key, rate).tryConsumeAndReturnRemaining(1));
		return probe.isConsumed() ? Decision.ALLOWED
				: new Decision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	@Override
	public void refund(String family, String key, Rate rate) {
		reach(() -> bucket(family, key, rate).addTokens(1));
	}

	private void reach(Runnable operation) {
		reach(() -> {
			operation.run();
			return null;
		});
	}

	private <T> T reach(Supplier<T> operation) {
		try {
			return operation.get();
		}
		catch (RuntimeException ex) {
			SharedBucketStore shared = this.store;
			if (shared == null || !shared.unreachable(ex)) {
				throw ex;
			}
			warn(shared, ex);
			throw new JwtAllAuthException(ErrorCode.UNAVAILABLE);
		}
	}

	// the exception's types and messages (addresses, timeouts), never a key: a key is
	// derived from an e-mail address or an IP
	private void warn(SharedBucketStore shared, RuntimeException ex) {
		long now = System.nanoTime();
		long last = this.lastWarning.get();
		if (now - last < WARN_INTERVAL.toNanos() || !this.lastWarning.compareAndSet(last, now)) {
			logger.debug("Rate-limit store still unreachable: " + describe(ex));
			return;
		}
		logger.warn("The " + shared.name() + " rate-limit store cannot be reached, requests that are "
				+ "rate-limited answer 503 unavailable: " + describe(ex));
	}

	static String describe(Throwable failure) {
		StringBuilder description = new StringBuilder();
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
			if (depth > 0) {
				description.append("; caused by ");
			}
			description.append(cause.getClass().getSimpleName());
			if (cause.getMessage() != null) {
				String message = cause.getMessage().lines().findFirst().orElse("");
				description.append(": ").append((message.length() > 200) ? message.substring(0, 200) + "..." : message);
			}
		}
		return description.toString();
	}

	private Bucket bucket(String family, String key, Rate rate) {
		return this.buckets.apply(new BucketRequest(OneTimeTokens.hash(family + '\n' + rate + '\n' + key), rate));
	}

	static Bandwidth bandwidth(Rate rate) {
		return Bandwidth.builder().capacity(rate.count()).refillGreedy(rate.count(), rate.period()).build();
	}

	/**
	 * Which bucket is wanted.
	 *
	 * @param id the bucket's id: a hash of its family, rate and key
	 * @param rate the rate a new bucket is made for
	 */
	record BucketRequest(String id, Rate rate) {
	}

}
