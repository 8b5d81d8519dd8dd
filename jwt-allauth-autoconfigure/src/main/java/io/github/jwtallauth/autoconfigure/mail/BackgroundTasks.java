package io.github.jwtallauth.autoconfigure.mail;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * A small bounded pool for work that must not show in a request's answer: looking an
 * address up and queueing its mail, so that known and unknown addresses are answered
 * alike and in the same time. Each task starts after a short random delay, once the
 * answer that caused it has left, so that its CPU and database work does not slow that
 * answer down on a busy machine. A flood is refused rather than queued without limit.
 * Deliberately not an {@code Executor} bean, so that the application's own task executor
 * (and {@code @Async}) is not replaced by it.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class BackgroundTasks implements DisposableBean {

	private static final Log logger = LogFactory.getLog(BackgroundTasks.class);

	private final ScheduledThreadPoolExecutor executor;

	private final int queueCapacity;

	private final AtomicInteger pending = new AtomicInteger();

	private final long minimumDelayNanos;

	private final long jitterNanos;

	/**
	 * Create the pool.
	 * @param threads the number of threads
	 * @param queueCapacity how many tasks may wait
	 * @param minimumDelay the least time a task waits before it starts
	 * @param jitter the most extra time, chosen at random, a task waits
	 */
	BackgroundTasks(int threads, int queueCapacity, Duration minimumDelay, Duration jitter) {
		AtomicInteger count = new AtomicInteger();
		this.executor = new ScheduledThreadPoolExecutor(threads, (runnable) -> {
			Thread thread = new Thread(runnable, "jwt-allauth-task-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.executor.setRemoveOnCancelPolicy(true);
		this.queueCapacity = queueCapacity;
		this.minimumDelayNanos = minimumDelay.toNanos();
		this.jitterNanos = jitter.toNanos();
	}

	/**
	 * Run a task in the background, after the delay.
	 * @param task the task
	 * @throws RejectedExecutionException when too many tasks wait or the pool is shut
	 * down
	 */
	public void execute(Runnable task) {
		if (this.pending.incrementAndGet() > this.queueCapacity) {
			this.pending.decrementAndGet();
			throw new RejectedExecutionException("Too many background tasks waiting");
		}
		long delay = this.minimumDelayNanos
				+ ((this.jitterNanos > 0) ? ThreadLocalRandom.current().nextLong(this.jitterNanos) : 0);
		try {
			this.executor.schedule(() -> {
				try {
					task.run();
				}
				finally {
					this.pending.decrementAndGet();
				}
			}, delay, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			this.pending.decrementAndGet();
			throw ex;
		}
	}

	/**
	 * Run a task in the background, or, when the pool refuses it, say so in the log: for
	 * callers whose answer must not depend on whether the task could run.
	 * @param task the task
	 * @param what what is dropped, for the log line
	 * @return whether the task was accepted
	 */
	public boolean submit(Runnable task, String what) {
		try {
			execute(task);
			return true;
		}
		catch (RejectedExecutionException ex) {
			logger.warn(what + " dropped: the background queue is full");
			return false;
		}
	}

	/**
	 * Return how many accepted tasks have not finished yet: waiting out their delay,
	 * queued or running. Zero means every lookup a request started has run and any mail
	 * it queued is in the outbox, which monitoring and tests can rely on.
	 * @return the number of unfinished tasks
	 */
	public int getPendingCount() {
		return this.pending.get();
	}

	@Override
	public void destroy() throws InterruptedException {
		this.executor.shutdown();
		this.executor.awaitTermination(10, TimeUnit.SECONDS);
	}

}
