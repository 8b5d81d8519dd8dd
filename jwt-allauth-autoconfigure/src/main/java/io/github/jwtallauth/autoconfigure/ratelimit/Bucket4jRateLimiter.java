package io.github.jwtallauth.autoconfigure.ratelimit;

import java.time.Duration;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import io.github.jwtallauth.autoconfigure.Rate;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokens;

/**
 * {@link RateLimiter} on Bucket4j token buckets: one bucket per family and key, holding
 * {@code count} tokens and refilled gradually over the rate's period. The buckets live in
 * memory ({@link #inMemory(long)}, per instance, lost on restart) or in a shared store
 * reached through a Bucket4j {@link ProxyManager} ({@link #distributed(ProxyManager)},
 * e.g. {@link JdbcBucketStore}). Keys are hashed before they are used, so addresses are
 * never stored.
 *
 * @author jwt-allauth contributors
 */
final class Bucket4jRateLimiter implements RateLimiter {

	private final Function<BucketRequest, Bucket> buckets;

	/**
	 * Create a limiter over a source of buckets.
	 * @param buckets returns the bucket of a key, creating it for the rate when it is new
	 */
	Bucket4jRateLimiter(Function<BucketRequest, Bucket> buckets) {
		this.buckets = buckets;
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
	 * @param store the Bucket4j proxy manager of the store
	 * @return the limiter
	 */
	static Bucket4jRateLimiter distributed(ProxyManager<String> store) {
		return new Bucket4jRateLimiter((request) -> store.builder()
			.build(request.id(), () -> BucketConfiguration.builder().addLimit(bandwidth(request.rate())).build()));
	}

	@Override
	public Decision tryConsume(String family, String key, Rate rate) {
		ConsumptionProbe probe = bucket(family, key, rate).tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Decision.ALLOWED
				: new Decision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	@Override
	public void refund(String family, String key, Rate rate) {
		bucket(family, key, rate).addTokens(1);
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
