package io.github.jwtallauth.autoconfigure.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises a failure to reach the database, however it arrives: Spring's translation
 * ({@code CannotCreateTransactionException} when the pool has no connection to give,
 * {@code DataAccessResourceFailureException}, {@code TransientDataAccessException}), or
 * the driver's own exception wrapped by JPA and Hibernate, told by its type or by its
 * SQLState class {@code 08} (connection exception). Such a request changed nothing that
 * was acknowledged and may be repeated, so it is answered 503 {@code unavailable} rather
 * than 500.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class DatabaseFailures {

	private static final int MAX_DEPTH = 32;

	private static final String HIKARI_CLOSED_CONNECTION = "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection";

	private DatabaseFailures() {
	}

	/**
	 * Return whether an exception, or one of its causes, says the database could not be
	 * reached or the work could not be done for a reason that passes.
	 * @param ex the exception
	 * @return whether it is such a failure
	 */
	public static boolean isUnavailable(@Nullable Throwable ex) {
		return unavailableCause(ex) != null;
	}

	/**
	 * Log one warning, without a stack trace, for work given up because of such a
	 * failure.
	 * @param logger the logger
	 * @param what the work and what became of it, for example
	 * {@code POST /jwt-allauth/refresh, answered 503 unavailable}
	 * @param ex the failure
	 */
	public static void warn(Log logger, String what, Throwable ex) {
		Throwable cause = unavailableCause(ex);
		Throwable reported = (cause != null) ? deepest(cause) : ex;
		logger.warn(LogMessage.format("Database unavailable (%s): %s: %s", what, reported.getClass().getName(),
				firstLine(reported.getMessage())));
	}

	private static @Nullable Throwable unavailableCause(@Nullable Throwable ex) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable current = ex; current != null && seen.size() < MAX_DEPTH
				&& seen.add(current); current = current.getCause()) {
			if (current instanceof CannotCreateTransactionException
					|| current instanceof DataAccessResourceFailureException
					|| current instanceof TransientDataAccessException || current instanceof SQLTransientException
					|| current instanceof SQLNonTransientConnectionException
					|| current instanceof SQLRecoverableException) {
				return current;
			}
			if (current instanceof SQLException sql
					&& (isConnectionState(sql.getSQLState()) || isClosedByThePool(sql))) {
				return current;
			}
		}
		return null;
	}

	// class 08 is a connection exception; PostgreSQL's 57P01 to 57P03 (administrator or
	// crash shutdown, cannot connect now) end a connection that a restart brings back
	private static boolean isConnectionState(@Nullable String state) {
		return state != null && (state.startsWith("08") || state.startsWith("57P"));
	}

	// HikariCP closes a connection that failed with a connection error and answers every
	// later call on it, the transaction's rollback included, with a plain SQLException
	// that has no SQLState: the rollback's failure then hides the original one
	private static boolean isClosedByThePool(SQLException ex) {
		StackTraceElement[] frames = ex.getStackTrace();
		return ex.getSQLState() == null && frames.length > 0
				&& frames[0].getClassName().startsWith(HIKARI_CLOSED_CONNECTION);
	}

	private static Throwable deepest(Throwable ex) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Throwable current = ex;
		while (current.getCause() != null && seen.size() < MAX_DEPTH && seen.add(current)) {
			current = current.getCause();
		}
		return current;
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "";
		}
		int end = message.indexOf('\n');
		return (end < 0) ? message : message.substring(0, end);
	}

}
