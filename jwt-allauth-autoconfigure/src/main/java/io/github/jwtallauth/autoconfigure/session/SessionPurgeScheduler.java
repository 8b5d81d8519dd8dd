package io.github.jwtallauth.autoconfigure.session;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;

/**
 * Deletes expired sessions every {@code jwtallauth.sessions.purge-interval}, in batches so that no
 * statement holds locks for long. Runs on its own daemon thread, independent of the application's
 * scheduler.
 *
 * @author jwt-allauth contributors
 */
public class SessionPurgeScheduler implements SmartLifecycle {

	static final int BATCH_SIZE = 1000;

	private static final Log logger = LogFactory.getLog(SessionPurgeScheduler.class);

	private final SessionService sessions;

	private final Duration interval;

	private @Nullable ScheduledExecutorService executor;

	public SessionPurgeScheduler(SessionService sessions, Duration interval) {
		this.sessions = sessions;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		if (this.executor != null || this.interval.isZero() || this.interval.isNegative()) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "jwt-allauth-session-purge");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		this.executor.scheduleWithFixedDelay(this::purge, millis, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Delete every expired session now.
	 * @return the number deleted
	 */
	public int purge() {
		try {
			int deleted = this.sessions.purgeExpired(BATCH_SIZE);
			if (deleted > 0) {
				logger.debug(LogMessage.format("Purged %d expired sessions", deleted));
			}
			return deleted;
		}
		catch (RuntimeException ex) {
			logger.warn("Purging expired sessions failed; will retry at the next interval", ex);
			return 0;
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
