package io.github.jwtallauth.autoconfigure.session;

import java.util.List;
import java.util.function.Supplier;

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

	private final Supplier<List<PurgeTask>> tasks;

	private @Nullable ScheduledExecutorService executor;

	public SessionPurgeScheduler(SessionService sessions, Duration interval) {
		this(sessions, interval, List::of);
	}

	/**
	 * Create a scheduler that also runs other purge tasks.
	 * @param sessions the sessions
	 * @param interval the interval between runs
	 * @param tasks the other tasks, looked up at each run
	 */
	public SessionPurgeScheduler(SessionService sessions, Duration interval, Supplier<List<PurgeTask>> tasks) {
		this.sessions = sessions;
		this.interval = interval;
		this.tasks = tasks;
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
	 * Delete every expired session now, then run the other purge tasks.
	 * @return the number deleted
	 */
	public int purge() {
		try {
			int deleted = this.sessions.purgeExpired(BATCH_SIZE);
			if (deleted > 0) {
				logger.debug(LogMessage.format("Purged %d expired sessions", deleted));
			}
			for (PurgeTask task : this.tasks.get()) {
				int batch;
				do {
					batch = task.purgeBatch(BATCH_SIZE);
					deleted += batch;
				}
				while (batch == BATCH_SIZE);
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
