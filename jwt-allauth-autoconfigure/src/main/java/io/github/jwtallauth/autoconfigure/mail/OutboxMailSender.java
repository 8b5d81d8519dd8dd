package io.github.jwtallauth.autoconfigure.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;

import io.github.jwtallauth.autoconfigure.JwtAllAuthObservation;
import io.github.jwtallauth.autoconfigure.JwtAllAuthObservation.Key;
import io.github.jwtallauth.autoconfigure.mail.JwtAllAuthOutboxMail.PendingMail;
import io.github.jwtallauth.autoconfigure.problem.DatabaseFailures;

/**
 * Delivers queued mails in the background: every few seconds it claims the due ones and
 * hands them to the {@link MailDelivery}. A failure is retried with exponential backoff
 * (30 s doubling up to 1 h) for {@value #MAX_ATTEMPTS} attempts; mails still pending at
 * shutdown are sent after the next start.
 *
 * @author jwt-allauth contributors
 */
final class OutboxMailSender implements SmartLifecycle {

	/** Attempts after which a mail is left undelivered, with an error in the log. */
	static final int MAX_ATTEMPTS = 20;

	static final int BATCH_SIZE = 50;

	static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

	// longer than any delivery: a crashed instance's claim expires and another one
	// retries the mail
	static final Duration LEASE = Duration.ofMinutes(5);

	private static final Duration FIRST_RETRY = Duration.ofSeconds(30);

	private static final Duration LAST_RETRY = Duration.ofHours(1);

	private static final Log logger = LogFactory.getLog(OutboxMailSender.class);

	private final JpaMailOutbox outbox;

	private final MailDelivery delivery;

	private final Clock clock;

	private final ObservationRegistry observations;

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Create the sender.
	 * @param outbox the outbox table
	 * @param delivery hands mails to the outside world
	 * @param clock the clock
	 * @param observations times each delivery as
	 * {@link JwtAllAuthObservation#MAIL_DELIVERY}
	 */
	OutboxMailSender(JpaMailOutbox outbox, MailDelivery delivery, Clock clock, ObservationRegistry observations) {
		this.outbox = outbox;
		this.delivery = delivery;
		this.clock = clock;
		this.observations = observations;
		outbox.onCommit(this::wakeUp);
	}

	/**
	 * Look for due mails now rather than at the next poll; called when a transaction that
	 * queued mail commits.
	 */
	void wakeUp() {
		ScheduledExecutorService current;
		synchronized (this) {
			current = this.executor;
		}
		if (current != null) {
			try {
				current.execute(this::sendDueQuietly);
			}
			catch (RejectedExecutionException ex) {
				// stopping: the next start sends it
			}
		}
	}

	/**
	 * Send every mail that is due now.
	 * @return the number of mails delivered
	 */
	synchronized int sendDue() {
		Instant now = this.clock.instant();
		List<PendingMail> due = this.outbox.due(now, MAX_ATTEMPTS, BATCH_SIZE);
		int sent = 0;
		for (PendingMail pending : due) {
			if (!this.outbox.claim(pending, now.plus(LEASE))) {
				continue;
			}
			try {
				deliver(pending);
				this.outbox.markSent(pending.id(), this.clock.instant());
				sent++;
			}
			catch (RuntimeException ex) {
				int attempts = pending.attempts() + 1;
				this.outbox.markFailed(pending.id(), attempts, now.plus(backoff(attempts)),
						ex.getClass().getSimpleName() + ": " + ex.getMessage(), attempts >= MAX_ATTEMPTS);
				if (attempts >= MAX_ATTEMPTS) {
					logger.error(LogMessage.format("Giving up on mail %d to %s after %d attempts", pending.id(),
							pending.mail().to(), attempts), ex);
				}
				else {
					logger.warn(LogMessage.format("Mail %d not delivered (attempt %d), retrying later: %s",
							pending.id(), attempts, ex.getMessage()));
				}
			}
		}
		return sent;
	}

	// Only the delivery is timed, not the outbox's bookkeeping around it. The exception
	// is not attached to the observation: a mail server's answer may quote the
	// recipient's address, which must not reach a span.
	private void deliver(PendingMail pending) {
		Observation observation = JwtAllAuthObservation.MAIL_DELIVERY.observation(this.observations).start();
		try (Observation.Scope scope = observation.openScope()) {
			this.delivery.deliver(pending.mail());
			observation.lowCardinalityKeyValue(Key.OUTCOME.asString(), "success")
				.lowCardinalityKeyValue(Key.CODE.asString(), JwtAllAuthObservation.NO_CODE);
		}
		catch (RuntimeException ex) {
			boolean last = pending.attempts() + 1 >= MAX_ATTEMPTS;
			observation.lowCardinalityKeyValue(Key.OUTCOME.asString(), "failure")
				.lowCardinalityKeyValue(Key.CODE.asString(), last ? "given_up" : "retry");
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	static Duration backoff(int attempts) {
		Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
		return (delay.compareTo(LAST_RETRY) > 0) ? LAST_RETRY : delay;
	}

	private void sendDueQuietly() {
		try {
			sendDue();
		}
		catch (RuntimeException ex) {
			if (DatabaseFailures.isUnavailable(ex)) {
				// polled every few seconds: one line per poll while the database is away
				DatabaseFailures.warn(logger, "mail outbox poll, retried at the next one", ex);
			}
			else {
				logger.warn("Mail outbox could not be read; will retry", ex);
			}
		}
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "jwt-allauth-mail");
			thread.setDaemon(true);
			return thread;
		});
		long millis = POLL_INTERVAL.toMillis();
		this.executor.scheduleWithFixedDelay(this::sendDueQuietly, 0, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService current;
		synchronized (this) {
			current = this.executor;
			this.executor = null;
		}
		if (current != null) {
			current.shutdownNow();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
