package io.github.jwtallauth.autoconfigure.mail;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

import io.github.jwtallauth.autoconfigure.mail.JwtAllAuthOutboxMail.PendingMail;

/**
 * {@link MailOutbox} on the {@code jwt_allauth_mail_outbox} table. {@link #enqueue} joins
 * the caller's transaction; the other operations serve {@link OutboxMailSender}. A mail
 * is claimed with one conditional {@code UPDATE} before it is sent, so several instances
 * sharing the table never send it twice.
 *
 * @author jwt-allauth contributors
 */
final class JpaMailOutbox implements MailOutbox {

	private final EntityManager entityManager;

	private final TransactionTemplate transaction;

	private final Clock clock;

	JpaMailOutbox(EntityManager entityManager, TransactionTemplate transaction, Clock clock) {
		Assert.notNull(entityManager, "'entityManager' must not be null");
		this.entityManager = entityManager;
		this.transaction = transaction;
		this.clock = clock;
	}

	private volatile Runnable onCommit = () -> {
	};

	/**
	 * Set what runs once a transaction that queued mail commits (the sender's wake-up),
	 * so that a mail leaves at once instead of at the next poll.
	 * @param onCommit the callback
	 */
	void onCommit(Runnable onCommit) {
		this.onCommit = onCommit;
	}

	@Override
	public void enqueue(OutgoingMail mail) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		this.transaction.executeWithoutResult((status) -> {
			this.entityManager.persist(new JwtAllAuthOutboxMail(mail, now));
			if (TransactionSynchronizationManager.isSynchronizationActive()) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

					@Override
					public void afterCommit() {
						JpaMailOutbox.this.onCommit.run();
					}

				});
			}
		});
	}

	/**
	 * Delete at most {@code limit} mails sent before the given time.
	 * @param before the cut-off
	 * @param limit the most rows deleted
	 * @return the number deleted
	 */
	int deleteSentBefore(Instant before, int limit) {
		Integer deleted = this.transaction.execute((status) -> {
			List<Long> ids = this.entityManager
				.createQuery(
						"select m.id from JwtAllAuthOutboxMail m where m.sentAt is not null and m.sentAt < :before",
						Long.class)
				.setParameter("before", before.truncatedTo(ChronoUnit.MILLIS))
				.setMaxResults(limit)
				.getResultList();
			return ids.isEmpty() ? 0
					: this.entityManager.createQuery("delete from JwtAllAuthOutboxMail m where m.id in :ids")
						.setParameter("ids", ids)
						.executeUpdate();
		});
		return (deleted != null) ? deleted : 0;
	}

	/**
	 * Count the mails not sent yet, in one query over the index on
	 * {@code (sent_at, next_attempt)}: only unsent rows are read.
	 * @param maxAttempts the attempts after which a mail is given up
	 * @return the mails still to be sent, and those given up
	 */
	OutboxBacklog.Counts countUnsent(int maxAttempts) {
		Object[] row = this.transaction.execute((status) -> this.entityManager
			.createQuery("select count(m), sum(case when m.attempts >= :maxAttempts then 1 else 0 end) "
					+ "from JwtAllAuthOutboxMail m where m.sentAt is null", Object[].class)
			.setParameter("maxAttempts", maxAttempts)
			.getSingleResult());
		long unsent = (row != null && row[0] != null) ? ((Number) row[0]).longValue() : 0;
		long givenUp = (row != null && row[1] != null) ? ((Number) row[1]).longValue() : 0;
		return new OutboxBacklog.Counts(unsent - givenUp, givenUp);
	}

	List<PendingMail> due(Instant now, int maxAttempts, int limit) {
		return this.transaction
			.execute((status) -> this.entityManager
				.createQuery(
						"select m from JwtAllAuthOutboxMail m where m.sentAt is null and m.nextAttempt <= :now "
								+ "and m.attempts < :maxAttempts order by m.nextAttempt, m.id",
						JwtAllAuthOutboxMail.class)
				.setParameter("now", now)
				.setParameter("maxAttempts", maxAttempts)
				.setMaxResults(limit)
				.getResultList()
				.stream()
				.map(JwtAllAuthOutboxMail::toPending)
				.toList());
	}

	boolean claim(PendingMail mail, Instant leaseUntil) {
		Integer updated = this.transaction.execute((status) -> this.entityManager
			.createQuery("update JwtAllAuthOutboxMail m set m.nextAttempt = :lease where m.id = :id "
					+ "and m.nextAttempt = :seen and m.sentAt is null")
			.setParameter("lease", leaseUntil.truncatedTo(ChronoUnit.MILLIS))
			.setParameter("id", mail.id())
			.setParameter("seen", mail.nextAttempt())
			.executeUpdate());
		return updated != null && updated == 1;
	}

	// The bodies go once the mail has left (or been given up): they hold live one-time
	// links, which
	// must not outlive their purpose in the database.
	void markSent(Long id, Instant now) {
		this.transaction.executeWithoutResult((status) -> this.entityManager
			.createQuery("update JwtAllAuthOutboxMail m set m.sentAt = :now, m.textBody = '', m.htmlBody = null "
					+ "where m.id = :id")
			.setParameter("now", now.truncatedTo(ChronoUnit.MILLIS))
			.setParameter("id", id)
			.executeUpdate());
	}

	void markFailed(Long id, int attempts, Instant nextAttempt, String error, boolean givenUp) {
		this.transaction.executeWithoutResult((status) -> this.entityManager
			.createQuery("update JwtAllAuthOutboxMail m set m.attempts = :attempts, m.nextAttempt = :next, "
					+ "m.lastError = :error" + (givenUp ? ", m.textBody = '', m.htmlBody = null" : "")
					+ " where m.id = :id")
			.setParameter("attempts", attempts)
			.setParameter("next", nextAttempt.truncatedTo(ChronoUnit.MILLIS))
			.setParameter("error", (error.length() > 512) ? error.substring(0, 512) : error)
			.setParameter("id", id)
			.executeUpdate());
	}

}
