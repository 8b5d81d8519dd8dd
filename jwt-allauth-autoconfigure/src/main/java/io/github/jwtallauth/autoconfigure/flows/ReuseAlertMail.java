package io.github.jwtallauth.autoconfigure.flows;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.log.LogMessage;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.housekeeping.ExpiredRows;
import io.github.jwtallauth.autoconfigure.mail.AccountMailer;
import io.github.jwtallauth.autoconfigure.session.RefreshTokenReuseDetectedEvent;

/**
 * Mails the owner of a session that a replayed refresh token closed: which device, when,
 * and where to change the password. At most one such mail per user per {@link #INTERVAL},
 * however many sessions are closed and whichever application instance closes them: the
 * decision is a conditional update of the user's row in {@code jwt_allauth_reuse_alert},
 * in the transaction that queues the mail.
 *
 * @author jwt-allauth contributors
 */
final class ReuseAlertMail implements ApplicationListener<RefreshTokenReuseDetectedEvent> {

	/** The least time between two alerts to one user. */
	static final Duration INTERVAL = Duration.ofHours(1);

	private static final Log logger = LogFactory.getLog(ReuseAlertMail.class);

	private final AccountService accounts;

	private final AccountMailer mailer;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final @Nullable String link;

	private final Clock clock;

	/**
	 * Create the listener.
	 * @param accounts where the session's owner is found
	 * @param mailer writes the mail into the outbox
	 * @param jdbc the database of {@code jwt_allauth_reuse_alert}
	 * @param transaction the transaction of the decision and the queued mail
	 * @param link where the password is changed, or {@code null} for a mail without a
	 * link
	 * @param clock the clock of the hourly limit
	 */
	ReuseAlertMail(AccountService accounts, AccountMailer mailer, JdbcTemplate jdbc, TransactionTemplate transaction,
			@Nullable String link, Clock clock) {
		this.accounts = accounts;
		this.mailer = mailer;
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.link = link;
		this.clock = clock;
	}

	@Override
	public void onApplicationEvent(RefreshTokenReuseDetectedEvent event) {
		// Runs inside the refresh request: whatever goes wrong here must not change its
		// answer. The mail itself cannot fail here, it is only queued.
		try {
			alert(event);
		}
		catch (DuplicateKeyException | ConcurrencyFailureException | QueryTimeoutException ex) {
			// another replay of the same user's tokens, here or on another instance,
			// holds
			// or took the row: that one alerts
			logger
				.debug(LogMessage.format("Reuse alert for user %s decided concurrently elsewhere", event.getUserId()));
		}
		catch (RuntimeException ex) {
			logger.warn(LogMessage.format("Could not queue the reuse alert for user %s: %s", event.getUserId(),
					ex.getClass().getName()));
		}
	}

	private void alert(RefreshTokenReuseDetectedEvent event) {
		Optional<UserAccount> found = this.accounts.findById(event.getUserId());
		if (found.isEmpty() || !found.get().isActive()) {
			return;
		}
		UserAccount user = found.get();
		Locale locale = LocaleContextHolder.getLocale();
		this.transaction.executeWithoutResult((status) -> {
			if (claim(user.getId(), now())) {
				this.mailer.sendReuseAlert(user, event, this.link, locale);
			}
		});
	}

	// True when this caller may alert the user now. Of two instances racing for the same
	// row, the update of the second waits for the first's commit and then matches
	// nothing; of two inserting a first row, the second fails on the primary key.
	private boolean claim(String userId, Instant now) {
		Timestamp at = Timestamp.from(now);
		if (this.jdbc.update("update jwt_allauth_reuse_alert set last_sent = ? where user_id = ? and last_sent <= ?",
				at, userId, Timestamp.from(now.minus(INTERVAL))) == 1) {
			return true;
		}
		Integer rows = this.jdbc.queryForObject("select count(*) from jwt_allauth_reuse_alert where user_id = ?",
				Integer.class, userId);
		if (rows != null && rows > 0) {
			return false;
		}
		this.jdbc.update("insert into jwt_allauth_reuse_alert (user_id, last_sent) values (?, ?)", userId, at);
		return true;
	}

	// to the millisecond, which every supported database stores as is: a time rounded
	// up on the way in would not be an hour old an hour later
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * Delete at most a batch of rows older than the interval, which decide nothing any
	 * more.
	 * @param batchSize the most rows to delete
	 * @return how many were deleted
	 */
	int purge(int batchSize) {
		return ExpiredRows.delete(this.jdbc, "jwt_allauth_reuse_alert", "user_id", "last_sent",
				Timestamp.from(now().minus(INTERVAL)), batchSize);
	}

}
