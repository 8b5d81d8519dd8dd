package io.github.jwtallauth.autoconfigure.mail;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;

/**
 * A small bounded pool for work that must not hold up a request: looking an address up and queueing
 * its mail, so that known and unknown addresses are answered alike and in the same time. A flood is
 * refused rather than queued without limit. Deliberately not an {@code Executor} bean, so that the
 * application's own task executor (and {@code @Async}) is not replaced by it.
 *
 * @author jwt-allauth contributors
 */
public class BackgroundTasks implements DisposableBean {

	private final ThreadPoolExecutor executor;

	/**
	 * Create the pool.
	 * @param threads the number of threads
	 * @param queueCapacity how many tasks may wait
	 */
	public BackgroundTasks(int threads, int queueCapacity) {
		AtomicInteger count = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(queueCapacity), (runnable) -> {
					Thread thread = new Thread(runnable, "jwt-allauth-task-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				}, new ThreadPoolExecutor.AbortPolicy());
		this.executor.allowCoreThreadTimeOut(true);
	}

	/**
	 * Run a task in the background.
	 * @param task the task
	 * @throws RejectedExecutionException when the queue is full or the pool is shut down
	 */
	public void execute(Runnable task) {
		this.executor.execute(task);
	}

	@Override
	public void destroy() throws InterruptedException {
		this.executor.shutdown();
		this.executor.awaitTermination(10, TimeUnit.SECONDS);
	}

}
