package io.github.jwtallauth.autoconfigure.ratelimit;

import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * A store of Bucket4j buckets shared by every instance of the application (the database,
 * Redis): the limiter fails closed when it cannot be reached, and the health indicator
 * asks it whether it can.
 *
 * @author jwt-allauth contributors
 */
interface SharedBucketStore {

	/**
	 * The backend's name, as {@code jwtallauth.rate-limit.backend} spells it.
	 * @return e.g. {@code redis}
	 */
	String name();

	/**
	 * The buckets.
	 * @return the Bucket4j proxy manager over the store
	 */
	ProxyManager<String> buckets();

	/**
	 * Whether a failure of the store means it cannot be reached (or did not answer in
	 * time), rather than a bug.
	 * @param failure what a bucket operation threw
	 * @return {@code true} when the store is unreachable
	 */
	boolean unreachable(Throwable failure);

	/**
	 * Prove that the store answers, with one cheap round trip.
	 * @throws RuntimeException when it does not
	 */
	void check();

}
