package io.github.jwtallauth.autoconfigure.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The bounded cache of access tokens whose signature was checked, so that a token sent
 * many times costs one signature check. Entries are keyed by the SHA-256 digest of the
 * whole compact token: a forged token differs from every cached one in at least one
 * character and so in its digest, and a digest collision would need a SHA-256 collision.
 * A digest (32 bytes) also keeps each entry small whatever the token's length. The
 * statistics feed the {@code jwtallauth.tokens.cache.*} meters.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class VerifiedTokenCache {

	/**
	 * Heap taken by one entry, measured with 100,000 entries of the sample application's
	 * tokens (a UUID subject, one e-mail attribute): the digest key, the principal, its
	 * strings and the cache's own node. Tokens with many attribute claims take more.
	 */
	static final long BYTES_PER_ENTRY = 600;

	/** Share of the maximum heap the default size may fill. */
	static final double HEAP_FRACTION = 0.10;

	/** The default size never goes below this, even on a tiny heap. */
	static final long MINIMUM_DEFAULT_SIZE = 10_000;

	private static final MessageDigest SHA_256 = sha256();

	private final long maximumSize;

	private final @Nullable Cache<Digest, JwtAllAuthPrincipal> cache;

	VerifiedTokenCache(long maximumSize, Duration expireAfterWrite, Ticker ticker) {
		Assert.isTrue(maximumSize >= 0, "'maximumSize' must not be negative");
		this.maximumSize = maximumSize;
		this.cache = (maximumSize > 0) ? Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.expireAfterWrite(expireAfterWrite)
			.ticker(ticker)
			.recordStats()
			.build() : null;
	}

	/**
	 * The default size: {@link #HEAP_FRACTION} of the maximum heap divided by the
	 * measured size of an entry, and at least {@link #MINIMUM_DEFAULT_SIZE}.
	 * @param maxHeapBytes the maximum heap, {@link Runtime#maxMemory()}
	 * @return the number of entries
	 */
	static long defaultMaximumSize(long maxHeapBytes) {
		long bySize = (long) (maxHeapBytes * HEAP_FRACTION) / BYTES_PER_ENTRY;
		return Math.max(MINIMUM_DEFAULT_SIZE, bySize);
	}

	@Nullable JwtAllAuthPrincipal get(String token) {
		return (this.cache != null) ? this.cache.getIfPresent(Digest.of(token)) : null;
	}

	void put(String token, JwtAllAuthPrincipal principal) {
		if (this.cache != null) {
			this.cache.put(Digest.of(token), principal);
		}
	}

	/**
	 * Return the most entries the cache holds.
	 * @return the maximum size; 0 when caching is off
	 */
	public long maximumSize() {
		return this.maximumSize;
	}

	/**
	 * Return the number of entries, approximately.
	 * @return the estimated size
	 */
	public long size() {
		return (this.cache != null) ? this.cache.estimatedSize() : 0;
	}

	/**
	 * Return the number of lookups that found a verified token.
	 * @return the hit count since start-up
	 */
	public long hits() {
		return stats().hitCount();
	}

	/**
	 * Return the number of lookups that found nothing, so that the token's signature was
	 * checked.
	 * @return the miss count since start-up
	 */
	public long misses() {
		return stats().missCount();
	}

	/**
	 * Return the number of entries removed to keep the cache within its size.
	 * @return the eviction count since start-up
	 */
	public long evictions() {
		return stats().evictionCount();
	}

	private CacheStats stats() {
		return (this.cache != null) ? this.cache.stats() : CacheStats.empty();
	}

	void cleanUp() {
		if (this.cache != null) {
			this.cache.cleanUp();
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * A SHA-256 digest as four longs: 48 bytes on the heap instead of an array and its
	 * wrapper. Its bits are uniformly distributed, so the first long serves as the hash
	 * code.
	 */
	private record Digest(long a, long b, long c, long d) {

		static Digest of(String token) {
			MessageDigest digest;
			try {
				// a clone skips the provider lookup of MessageDigest.getInstance
				digest = (MessageDigest) SHA_256.clone();
			}
			catch (CloneNotSupportedException ex) {
				digest = sha256();
			}
			ByteBuffer bytes = ByteBuffer.wrap(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
			return new Digest(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong());
		}

		@Override
		public int hashCode() {
			return Long.hashCode(this.a);
		}

	}

}
