package io.github.jwtallauth.autoconfigure.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * How many mails of the outbox table wait to be sent, and how many were given up after
 * every attempt failed: the values of the outbox gauges. Both come from one count query
 * over the unsent rows, which is remembered for {@link #MAX_AGE}, so that frequent or
 * concurrent scrapes (several registries, several scrapers) cost at most one query per
 * period.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class OutboxBacklog {

	/** How long one count serves; shorter than any usual scrape interval. */
	static final Duration MAX_AGE = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(OutboxBacklog.class);

	private final JpaMailOutbox outbox;

	private final int maxAttempts;

	private final Clock clock;

	private @Nullable Counts counts;

	private Instant countedAt = Instant.MIN;

	OutboxBacklog(JpaMailOutbox outbox, int maxAttempts, Clock clock) {
		this.outbox = outbox;
		this.maxAttempts = maxAttempts;
		this.clock = clock;
	}

	/**
	 * Return the mails queued and not sent yet, retries included.
	 * @return the count, or {@code NaN} while the table cannot be read
	 */
	public double pending() {
		Counts current = current();
		return (current != null) ? current.pending() : Double.NaN;
	}

	/**
	 * Return the mails left unsent after the last attempt failed; they stay until someone
	 * deletes them.
	 * @return the count, or {@code NaN} while the table cannot be read
	 */
	public double givenUp() {
		Counts current = current();
		return (current != null) ? current.givenUp() : Double.NaN;
	}

	private synchronized @Nullable Counts current() {
		Instant now = this.clock.instant();
		if (this.counts == null || !now.isBefore(this.countedAt.plus(MAX_AGE))) {
			try {
				this.counts = this.outbox.countUnsent(this.maxAttempts);
			}
			catch (RuntimeException ex) {
				// a gauge must not fail a scrape; health reports the database
				logger.debug("Mail outbox could not be counted", ex);
				this.counts = null;
			}
			this.countedAt = now;
		}
		return this.counts;
	}

	/**
	 * One count of the unsent mails.
	 *
	 * @param pending the mails still to be sent
	 * @param givenUp the mails given up
	 */
	record Counts(long pending, long givenUp) {
	}

}
