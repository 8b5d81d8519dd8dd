package io.github.jwtallauth.autoconfigure.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import io.github.jwtallauth.autoconfigure.Rate;

/**
 * In-memory {@link RateLimiter}: one Bucket4j token bucket per family and key, refilled gradually
 * over the rate's period, forgotten once it would be full again. Counts are per instance and lost on
 * restart; several instances behind one load balancer need a shared backend.
 *
 * @author jwt-allauth contributors
 */
public class Bucket4jRateLimiter implements RateLimiter {

	private final Cache<BucketKey, Entry> buckets;

	/**
	 * Create a limiter that keeps at most the given number of buckets (the least recently used go
	 * first, which only makes the limit more lenient for them).
	 * @param maximumBuckets the bound on memory
	 */
	public Bucket4jRateLimiter(long maximumBuckets) {
		this.buckets = Caffeine.newBuilder().maximumSize(maximumBuckets).expireAfter(new Expiry<BucketKey, Entry>() {

			@Override
			public long expireAfterCreate(BucketKey key, Entry value, long currentTime) {
				return value.rate().period().toNanos();
			}

			@Override
			public long expireAfterUpdate(BucketKey key, Entry value, long currentTime, long currentDuration) {
				return value.rate().period().toNanos();
			}

			@Override
			public long expireAfterRead(BucketKey key, Entry value, long currentTime, long currentDuration) {
				return value.rate().period().toNanos();
			}

		}).build();
	}

	@Override
	public Decision tryConsume(String family, String key, Rate rate) {
		Entry entry = this.buckets.asMap()
			.compute(new BucketKey(family, key), (k, existing) -> (existing != null && existing.rate().equals(rate))
					? existing : new Entry(rate, newBucket(rate)));
		ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Decision.ALLOWED
				: new Decision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	private static Bucket newBucket(Rate rate) {
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(rate.count()).refillGreedy(rate.count(), rate.period()).build())
			.build();
	}

	private record BucketKey(String family, String key) {
	}

	private record Entry(Rate rate, Bucket bucket) {
	}

}
