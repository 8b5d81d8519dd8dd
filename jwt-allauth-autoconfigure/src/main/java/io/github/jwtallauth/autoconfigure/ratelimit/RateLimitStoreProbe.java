package io.github.jwtallauth.autoconfigure.ratelimit;

/**
 * Asks the shared rate-limit store ({@code jwtallauth.rate-limit.backend=jdbc} or
 * {@code redis}) whether it answers, for the health indicator: while it does not, every
 * rate-limited request (logins, password checks, mail requests) answers
 * {@code unavailable}.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class RateLimitStoreProbe {

	private final SharedBucketStore store;

	RateLimitStoreProbe(SharedBucketStore store) {
		this.store = store;
	}

	/**
	 * The backend's name.
	 * @return {@code jdbc} or {@code redis}
	 */
	public String backend() {
		return this.store.name();
	}

	/**
	 * Make one cheap round trip to the store.
	 * @throws RuntimeException when the store cannot be reached or does not answer in
	 * time
	 */
	public void check() {
		this.store.check();
	}

	/**
	 * Say briefly why a check failed, without a stack trace.
	 * @param failure what {@link #check()} threw
	 * @return the exception types and first message lines, shortened
	 */
	public static String describe(Throwable failure) {
		return Bucket4jRateLimiter.describe(failure);
	}

}
