package io.github.jwtallauth.autoconfigure.problem;

import java.net.SocketException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.persistence.PersistenceException;
import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import io.github.jwtallauth.autoconfigure.test.BreakableHikariPool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * Which failures mean "the database cannot be reached", the way they really arrive:
 * translated by Spring, or the driver's exception wrapped by JPA.
 */
class DatabaseFailuresTests {

	@Test
	void isUnavailableWhenSpringSaysTheConnectionFailedThenTrue() {
		assertThat(DatabaseFailures.isUnavailable(new CannotCreateTransactionException("no connection",
				new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))))
			.isTrue();
		assertThat(DatabaseFailures.isUnavailable(new CannotGetJdbcConnectionException("no connection"))).isTrue();
		assertThat(DatabaseFailures.isUnavailable(new PessimisticLockingFailureException("lock wait timeout")))
			.isTrue();
	}

	@Test
	void isUnavailableWhenTheDriversConnectionErrorIsWrappedThenTrue() {
		SQLException io = new SQLException("An I/O error occurred while sending to the backend.", "08006",
				new SocketException("Connection reset"));
		assertThat(DatabaseFailures.isUnavailable(new PersistenceException("could not execute statement", io)))
			.isTrue();
	}

	@Test
	void isUnavailableWhenPostgresqlTerminatedTheConnectionThenTrue() {
		// what pg_terminate_backend or a server shutdown leaves in the statement that was
		// running, wrapped as Hibernate wraps it
		SQLException terminated = new SQLException("FATAL: terminating connection due to administrator command",
				"57P01");
		assertThat(DatabaseFailures.isUnavailable(new PersistenceException("JDBC exception executing SQL", terminated)))
			.isTrue();
		assertThat(DatabaseFailures.isUnavailable(new SQLException("the database system is starting up", "57P03")))
			.isTrue();
	}

	@Test
	void isUnavailableWhenTheRollbackFoundThePoolsClosedConnectionThenTrue() {
		SQLException closed = new SQLException("Connection is closed");
		closed.setStackTrace(new StackTraceElement[] {
				new StackTraceElement("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection",
						"lambda$getClosedConnection$0", "ProxyConnection.java", 559) });
		assertThat(DatabaseFailures.isUnavailable(
				new JpaSystemException(new PersistenceException("Unable to rollback against JDBC Connection", closed))))
			.isTrue();
		// the same message from anywhere else says nothing
		assertThat(DatabaseFailures.isUnavailable(new SQLException("Connection is closed"))).isFalse();
	}

	@Test
	void isUnavailableWhenARealHikariPoolClosedTheBrokenConnectionThenTrue() throws SQLException {
		// what HikariCP really throws, so that an upgrade that changes it fails here
		try (BreakableHikariPool pool = new BreakableHikariPool()) {
			Connection connection = pool.dataSource().getConnection();
			connection.setAutoCommit(false);
			pool.breakConnections();
			SQLException dropped = catchThrowableOfType(SQLException.class,
					() -> connection.prepareStatement("select 1"));
			assertThat(DatabaseFailures.isUnavailable(dropped)).isTrue();
			SQLException rollback = catchThrowableOfType(SQLException.class, connection::rollback);
			assertThat((Throwable) rollback).hasMessage("Connection is closed");
			assertThat(rollback.getSQLState()).isNull();
			assertThat(DatabaseFailures.isUnavailable(new JpaSystemException(
					new PersistenceException("Unable to rollback against JDBC Connection", rollback))))
				.isTrue();
			connection.close();
		}
	}

	@Test
	void isUnavailableWhenARealHikariPoolHasBeenClosedThenTrue() {
		BreakableHikariPool pool = new BreakableHikariPool();
		pool.close();
		SQLException closed = catchThrowableOfType(SQLException.class, () -> pool.dataSource().getConnection());
		assertThat((Throwable) closed).hasMessageContaining("has been closed");
		assertThat(DatabaseFailures.isUnavailable(closed)).isTrue();
	}

	@Test
	void isUnavailableWhenARollbackFailureHidesAConnectionFailureThenTrue() {
		// any pool: Spring keeps the failure that caused the rollback aside
		TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		assertThat(DatabaseFailures.isUnavailable(rollback)).isFalse();
		rollback.initApplicationException(new SQLException("Connection reset", "08006"));
		assertThat(DatabaseFailures.isUnavailable(rollback)).isTrue();
		assertThat(DatabaseFailures.isUnavailable(new RecoverableDataAccessException("connection recovered"))).isTrue();
	}

	@Test
	void isUnavailableWhenTheFailureIsTheRequestsOwnThenFalse() {
		assertThat(DatabaseFailures.isUnavailable(new DataIntegrityViolationException("duplicate key",
				new SQLException("duplicate key value violates unique constraint", "23505"))))
			.isFalse();
		assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("a bug"))).isFalse();
		assertThat(DatabaseFailures.isUnavailable(null)).isFalse();
	}

	@Test
	void isUnavailableWhenTheCausesFormACycleThenItStops() {
		IllegalStateException first = new IllegalStateException("first");
		IllegalArgumentException second = new IllegalArgumentException("second", first);
		first.initCause(second);
		assertThat(DatabaseFailures.isUnavailable(first)).isFalse();
	}

	@Test
	void warnWhenLoggedThenOneLineWithTheRootCauseAndNoStackTrace() {
		Log log = mock(Log.class);
		DatabaseFailures.warn(log, "POST /jwt-allauth/refresh, answered 503 unavailable",
				new CannotCreateTransactionException("Could not open JPA EntityManager",
						new SQLTransientConnectionException("timed out after 1500ms\nsecond line")));
		verify(log).warn(argThat((message) -> message.toString()
			.equals("Database unavailable (POST /jwt-allauth/refresh, answered 503 unavailable): "
					+ "java.sql.SQLTransientConnectionException: timed out after 1500ms")));
	}

}
