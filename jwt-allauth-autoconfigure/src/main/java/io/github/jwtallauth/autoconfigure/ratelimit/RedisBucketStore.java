package io.github.jwtallauth.autoconfigure.ratelimit;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * Bucket4j buckets in Redis, shared by every instance that uses the same server: one key
 * per bucket, {@code <prefix><hashed id>}, changed by Bucket4j's compare-and-swap Lua
 * scripts and given a time to live that ends once the bucket would be full again, so
 * Redis forgets idle buckets by itself.
 * <p>
 * The connection is its own (string keys, byte values), opened from the Lettuce client of
 * Spring Boot's connection factory, so {@code spring.data.redis.*} (address, credentials,
 * TLS, timeouts) applies. It is opened on first use, and again on the next use after a
 * failure, so that the application starts while Redis is down and the limits answer
 * {@code unavailable} until it is back.
 *
 * @author jwt-allauth contributors
 */
final class RedisBucketStore implements SharedBucketStore, DisposableBean {

	/** The prefix of jwt-allauth's keys. */
	static final String KEY_PREFIX = "jwtallauth:rate-limit:";

	/** How long after a failed connection attempt requests fail without trying again. */
	static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private final Supplier<AbstractRedisClient> client;

	private final String prefix;

	private final ProxyManager<String> buckets;

	private final Object lock = new Object();

	private @Nullable StatefulConnection<String, byte[]> connection;

	private @Nullable RedisClusterAsyncCommands<String, byte[]> commands;

	private long failedAt;

	private boolean failed;

	/**
	 * Create a store.
	 * @param client the Lettuce client (standalone, Sentinel or cluster), asked for on
	 * first use
	 * @param prefix the prefix of the keys
	 */
	RedisBucketStore(Supplier<AbstractRedisClient> client, String prefix) {
		this.client = client;
		this.prefix = prefix;
		// a second past the refill, so that a server clock a little ahead of ours does
		// not drop a bucket that is not quite full yet
		ProxyManager<Object> buckets = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(new Commands())
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1)))
			.build();
		this.buckets = stringKeys(buckets);
	}

	// the keys are Strings: jwt-allauth's ids
	@SuppressWarnings("unchecked")
	private static ProxyManager<String> stringKeys(ProxyManager<?> buckets) {
		return (ProxyManager<String>) buckets;
	}

	@Override
	public String name() {
		return "redis";
	}

	@Override
	public ProxyManager<String> buckets() {
		return this.buckets;
	}

	@Override
	public boolean unreachable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RedisException) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void check() {
		RedisFuture<String> ping = commands().ping();
		try {
			ping.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisException(ex);
		}
		catch (Exception ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : new RedisException(ex);
		}
	}

	// Keys as Object: Bucket4j hands its keys over in an Object[], whatever its key type.
	private final class Commands implements RedisApi<Object> {

		@Override
		public <V> RedisFuture<V> eval(String script, ScriptOutputType type, Object[] keys, byte[][] values) {
			String[] prefixed = Arrays.stream(keys).map(this::key).toArray(String[]::new);
			return commands().eval(script, type, prefixed, values);
		}

		@Override
		public RedisFuture<byte[]> get(Object key) {
			return commands().get(key(key));
		}

		@Override
		public RedisFuture<?> delete(Object key) {
			return commands().del(key(key));
		}

		private String key(Object key) {
			return RedisBucketStore.this.prefix + key;
		}

	}

	private RedisClusterAsyncCommands<String, byte[]> commands() {
		synchronized (this.lock) {
			if (this.commands != null) {
				return this.commands;
			}
			// while Redis is down, one attempt a second rather than one per request
			if (this.failed && System.nanoTime() - this.failedAt < RECONNECT_PAUSE.toNanos()) {
				throw new RedisConnectionException("Redis was not reachable a moment ago");
			}
			try {
				connect();
				this.failed = false;
			}
			catch (RuntimeException ex) {
				this.failed = true;
				this.failedAt = System.nanoTime();
				throw ex;
			}
			return this.commands;
		}
	}

	// once open, Lettuce reconnects by itself; commands sent meanwhile wait at most
	// spring.data.redis.timeout
	private void connect() {
		AbstractRedisClient redis = this.client.get();
		if (redis instanceof RedisClusterClient cluster) {
			StatefulRedisClusterConnection<String, byte[]> open = cluster.connect(CODEC);
			this.connection = open;
			this.commands = open.async();
		}
		else if (redis instanceof RedisClient standalone) {
			StatefulRedisConnection<String, byte[]> open = standalone.connect(CODEC);
			this.connection = open;
			this.commands = open.async();
		}
		else {
			throw new IllegalStateException("Unsupported Lettuce client " + redis.getClass().getName());
		}
	}

	@Override
	public void destroy() {
		synchronized (this.lock) {
			if (this.connection != null) {
				this.connection.close();
				this.connection = null;
				this.commands = null;
			}
		}
	}

}
