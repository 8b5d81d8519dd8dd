package io.github.jwtallauth.autoconfigure.test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A real HikariCP pool over a private in-memory H2 database whose connections can be
 * broken: once {@link #breakConnections()} is called, every statement fails as a dropped
 * network connection does (SQLState {@code 08006}), so that Hikari evicts the connection
 * and answers what follows with its own exceptions, as it does when the database goes
 * away.
 */
public final class BreakableHikariPool implements AutoCloseable {

	private static final Set<String> STATEMENTS = Set.of("createStatement", "prepareStatement", "prepareCall");

	private final AtomicBoolean broken = new AtomicBoolean();

	private final HikariDataSource pool;

	/** Create the pool, with one connection at most. */
	public BreakableHikariPool() {
		DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		HikariConfig config = new HikariConfig();
		config.setDataSource(new DelegatingDataSource(h2) {

			@Override
			public Connection getConnection() throws SQLException {
				return breakable(super.getConnection());
			}

		});
		config.setMaximumPoolSize(1);
		config.setConnectionTimeout(1000);
		config.setPoolName("breakable-" + UUID.randomUUID().toString().substring(0, 8));
		this.pool = new HikariDataSource(config);
	}

	/**
	 * The pool.
	 * @return the Hikari data source
	 */
	public HikariDataSource dataSource() {
		return this.pool;
	}

	/** From now on, every statement on every connection fails with SQLState 08006. */
	public void breakConnections() {
		this.broken.set(true);
	}

	private Connection breakable(Connection connection) {
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, args) -> {
					if (this.broken.get() && STATEMENTS.contains(method.getName())) {
						throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
					}
					try {
						return method.invoke(connection, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	@Override
	public void close() {
		this.pool.close();
	}

}
