package io.github.jwtallauth.autoconfigure.web;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.JdbcDatabaseContainer;

/**
 * A database of the test's own on the server the integration tests use: the tests that
 * count what the purge deleted, or that share per-IP rate limits, must not see the rows
 * other test classes leave in the shared {@code test} database. With the URL from the
 * environment a fresh database is created on that server and dropped at the end; without
 * it, a Testcontainers container is private anyway.
 */
final class PrivateDatabase implements AutoCloseable {

	private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:[a-z]+://[^/]+/)([^?;]*)(.*)$");

	private final String url;

	private final @Nullable String username;

	private final @Nullable String password;

	private final @Nullable String adminUrl;

	private final @Nullable String name;

	private final @Nullable JdbcDatabaseContainer<?> container;

	private PrivateDatabase(String url, @Nullable String username, @Nullable String password, @Nullable String adminUrl,
			@Nullable String name, @Nullable JdbcDatabaseContainer<?> container) {
		this.url = url;
		this.username = username;
		this.password = password;
		this.adminUrl = adminUrl;
		this.name = name;
		this.container = container;
	}

	static PrivateDatabase create(String environmentVariable, Supplier<JdbcDatabaseContainer<?>> containers) {
		String url = System.getenv(environmentVariable);
		if (url == null || url.isBlank()) {
			JdbcDatabaseContainer<?> container = containers.get();
			container.start();
			return new PrivateDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(), null,
					null, container);
		}
		Matcher matcher = DATABASE_IN_URL.matcher(url);
		if (!matcher.matches()) {
			throw new IllegalStateException("Cannot find the database name in " + environmentVariable);
		}
		String name = "jwtallauth_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute(url, "create database " + name);
		return new PrivateDatabase(matcher.group(1) + name + matcher.group(3), null, null, url, name, null);
	}

	String url() {
		return this.url;
	}

	/**
	 * The URL with one more parameter.
	 * @param parameter {@code name=value}
	 * @return the URL
	 */
	String url(String parameter) {
		return this.url + (this.url.contains("?") ? "&" : "?") + parameter;
	}

	@Nullable String username() {
		return this.username;
	}

	@Nullable String password() {
		return this.password;
	}

	/**
	 * Run one statement on the private database, directly (never through a proxy).
	 * @param sql the statement
	 */
	void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(this.url, this.username, this.password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		if (this.container != null) {
			this.container.stop();
		}
		if (this.adminUrl != null) {
			execute(this.adminUrl,
					(this.adminUrl.startsWith("jdbc:postgresql:"))
							? "drop database if exists " + this.name + " with (force)"
							: "drop database if exists " + this.name);
		}
	}

	private static void execute(String url, String sql) {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
