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
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises a failure to reach the database, however it arrives: Spring's translation
 * ({@code CannotCreateTransactionException} when the pool has no connection to give,
 * {@code DataAccessResourceFailureException}, {@code TransientDataAccessException},
 * {@code RecoverableDataAccessException}), or the driver's own exception wrapped by JPA
 * and Hibernate, told by its type or by its SQLState class {@code 08} (connection
 * exception). A rollback that failed after such a failure is judged by the failure it
 * hid. Such a request changed nothing that was acknowledged and may be repeated, so it is
 * answered 503 {@code unavailable} rather than 500.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class DatabaseFailures {

	private static final int MAX_DEPTH = 32;

	// HikariCP's own exceptions for a connection or a pool it has closed carry neither a
	// type nor a SQLState that says so: only where they were thrown does. The names are
	// checked against a real pool by DatabaseFailuresTests.
	private static final String HIKARI_CLOSED_CONNECTION = "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection";

	private static final String HIKARI_DATA_SOURCE = "com.zaxxer.hikari.HikariDataSource";

	// the frames looked at: the thrower and what called it
	private static final int HIKARI_FRAMES = 3;

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
		return unavailableCause(ex, Collections.newSetFromMap(new IdentityHashMap<>()));
	}

	private static @Nullable Throwable unavailableCause(@Nullable Throwable ex, Set<Throwable> seen) {
		for (Throwable current = ex; current != null && seen.size() < MAX_DEPTH
				&& seen.add(current); current = current.getCause()) {
			if (current instanceof CannotCreateTransactionException
					|| current instanceof DataAccessResourceFailureException
					|| current instanceof TransientDataAccessException
					|| current instanceof RecoverableDataAccessException || current instanceof SQLTransientException
					|| current instanceof SQLNonTransientConnectionException
					|| current instanceof SQLRecoverableException) {
				return current;
			}
			if (current instanceof SQLException sql
					&& (isConnectionState(sql.getSQLState()) || isClosedByThePool(sql))) {
				return current;
			}
			// the rollback's failure hides the failure that caused the rollback, which
			// Spring keeps aside
			if (current instanceof TransactionSystemException rollback) {
				Throwable hidden = unavailableCause(rollback.getApplicationException(), seen);
				if (hidden != null) {
					return hidden;
				}
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
	// that has no SQLState: the rollback's failure then hides the original one. A closed
	// pool (an application shutting down) answers getConnection alike. A SQLState or a
	// type, when there is one, decided above; only a bare SQLException is told by where
	// Hikari threw it.
	private static boolean isClosedByThePool(SQLException ex) {
		if (ex.getSQLState() != null) {
			return false;
		}
		StackTraceElement[] frames = ex.getStackTrace();
		for (int i = 0; i < Math.min(frames.length, HIKARI_FRAMES); i++) {
			String type = frames[i].getClassName();
			if (type.startsWith(HIKARI_CLOSED_CONNECTION)
					|| (type.equals(HIKARI_DATA_SOURCE) && frames[i].getMethodName().equals("getConnection"))) {
				return true;
			}
		}
		return false;
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
