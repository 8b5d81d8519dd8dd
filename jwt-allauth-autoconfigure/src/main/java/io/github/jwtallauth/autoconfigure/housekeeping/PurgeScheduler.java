package io.github.jwtallauth.autoconfigure.housekeeping;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;

/**
 * Runs every {@link PurgeTask} bean (expired sessions, spent links, sent mails, old
 * rate-limit buckets and MFA rows) every {@code jwtallauth.sessions.purge-interval}, each
 * batch after batch until a batch comes back short, so that no statement holds locks for
 * long. Runs on its own daemon thread, independent of the application's scheduler.
 *
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class PurgeScheduler implements SmartLifecycle {

	static final int BATCH_SIZE = 1000;

	private static final Log logger = LogFactory.getLog(PurgeScheduler.class);

	private final Duration interval;

	private final Supplier<List<PurgeTask>> tasks;

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Create a scheduler.
	 * @param interval the interval between runs
	 * @param tasks the tasks, looked up at each run
	 */
	public PurgeScheduler(Duration interval, Supplier<List<PurgeTask>> tasks) {
		this.interval = interval;
		this.tasks = tasks;
	}

	@Override
	public synchronized void start() {
		if (this.executor != null || this.interval.isZero() || this.interval.isNegative()) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "jwt-allauth-purge");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		this.executor.scheduleWithFixedDelay(this::purge, millis, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Run every task now.
	 * @return the number of rows deleted
	 */
	public int purge() {
		int deleted = 0;
		for (PurgeTask task : this.tasks.get()) {
			try {
				int batch;
				do {
					batch = task.purgeBatch(BATCH_SIZE);
					deleted += batch;
				}
				while (batch == BATCH_SIZE);
			}
			catch (RuntimeException ex) {
				// one failing task does not keep the others from running
				logger.warn("A purge task failed; it will run again at the next interval", ex);
			}
		}
		if (deleted > 0) {
			logger.debug(LogMessage.format("Purged %d rows", deleted));
		}
		return deleted;
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
