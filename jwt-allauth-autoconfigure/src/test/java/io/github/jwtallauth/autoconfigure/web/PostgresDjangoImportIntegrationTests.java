package io.github.jwtallauth.autoconfigure.web;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.session.DatabaseUnderTest;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moving from Django on PostgreSQL: Django hashes log in and are upgraded (the tests of
 * {@link DjangoPasswordLoginTests}), and the import SQL of the migration guide, run
 * against tables shaped as django-jwt-allauth and allauth create them, gives users who
 * log in over HTTP with their Django passwords and keep their ids.
 */
@DatabaseUnderTest.Requires(environmentVariable = "JWTALLAUTH_TEST_POSTGRES_URL", name = "PostgreSQL")
@TestPropertySource(properties = "spring.flyway.enabled=false")
class PostgresDjangoImportIntegrationTests extends DjangoPasswordLoginTests {

	static final Path IMPORT_SQL = Path.of("..", "docs", "sql", "import-django-users-postgresql.sql");

	@Autowired
	DataSource dataSource;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		DatabaseUnderTest.register(registry, "JWTALLAUTH_TEST_POSTGRES_URL",
				() -> new PostgreSQLContainer("postgres:16-alpine"));
	}

	@Test
	void importWhenDocumentedSqlRunThenDjangoUsersLogInKeepTheirIdsAndAreUpgraded() throws SQLException {
		String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String verified = "Verified-" + tag + "@Example.com";
		String unverified = "unverified-" + tag + "@example.com";
		String unusable = "social-" + tag + "@example.com";
		String noAddress = "username-only-" + tag;
		String signUp = newAddress();
		// ids above the table's, so that they are Django's and not the identity's
		long base = this.jdbc.queryForObject("select coalesce(max(id), 0) from jwt_allauth_user", Long.class) + 1000;
		String schema = "django_" + tag;
		try (Connection connection = this.dataSource.getConnection()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("create schema " + schema);
				try {
					statement.execute("set search_path to " + schema + ", public");
					createDjangoTables(statement);
					statement.execute(user(base + 1, DJANGO_HASH, "", "Ada", true, 1000));
					statement.execute(address(base + 1, base + 1, verified.toLowerCase(), true, true));
					statement.execute(user(base + 2, DJANGO_HASH, unverified, "Bob", true, 0));
					statement.execute(address(base + 2, base + 2, unverified, false, true));
					statement
						.execute(user(base + 3, "!Jp6zv9dHkRx2sAqWfE3yLcBnT8uGmK4hVoNiP1X", unusable, "Cy", true, 0));
					statement.execute(user(base + 4, DJANGO_HASH, "", noAddress, false, 0));
					ScriptUtils.executeSqlScript(connection, new FileSystemResource(IMPORT_SQL));
				}
				finally {
					statement.execute("reset search_path");
					statement.execute("drop schema " + schema + " cascade");
				}
			}
		}
		try {
			Map<String, Object> ada = row(base + 1);
			assertThat(ada).containsEntry("email", verified.toLowerCase())
				.containsEntry("email_verified", true)
				.containsEntry("role", 1000)
				.containsEntry("first_name", "Ada")
				.containsEntry("password", DJANGO_HASH);
			assertThat(row(base + 2)).containsEntry("email", unverified).containsEntry("email_verified", false);
			assertThat(row(base + 3)).containsEntry("email", unusable).containsEntry("password", null);
			assertThat(this.jdbc.queryForObject("select count(*) from jwt_allauth_user where id = ?", Long.class,
					base + 4))
				.isZero();
			// the address as the user types it, the Django password: in, as the same user
			Response login = login(verified, TestUsers.PASSWORD);
			assertThat(login.status()).as(login.toString()).isEqualTo(200);
			assertThat(this.http.get("/api/principal").bearer(login.text("access")).send().text("sub"))
				.isEqualTo(Long.toString(base + 1));
			assertThat(this.jdbc.queryForObject("select password from jwt_allauth_user where id = ?", String.class,
					base + 1))
				.startsWith("{bcrypt}");
			assertThat(login(unusable, TestUsers.PASSWORD).status()).isEqualTo(401);
			// the identity moved past the imported ids: a new account does not collide
			UserAccount created = this.accounts.create(new NewAccount(signUp, null, "", "", 0, true, false));
			assertThat(Long.valueOf(created.getId())).isGreaterThan(base + 3);
		}
		finally {
			this.jdbc.update("delete from jwt_allauth_user where id between ? and ? or email = ?", base + 1, base + 4,
					signUp);
		}
	}

	private Map<String, Object> row(long id) {
		return this.jdbc.queryForMap(
				"select email, password, first_name, role, active, email_verified from jwt_allauth_user where id = ?",
				id);
	}

	// The columns Django's AbstractUser and django-jwt-allauth's role give
	// jwt_allauth_jauser,
	// and those of allauth's EmailAddress.
	private static void createDjangoTables(Statement statement) throws SQLException {
		statement.execute("""
				create table jwt_allauth_jauser (
				    id bigint generated by default as identity primary key,
				    password varchar(128) not null,
				    last_login timestamp with time zone,
				    is_superuser boolean not null,
				    username varchar(150) not null unique,
				    first_name varchar(150) not null,
				    last_name varchar(150) not null,
				    email varchar(254) not null,
				    is_staff boolean not null,
				    is_active boolean not null,
				    date_joined timestamp with time zone not null,
				    role smallint not null check (role >= 0))""");
		statement.execute("""
				create table account_emailaddress (
				    id bigint generated by default as identity primary key,
				    user_id bigint not null references jwt_allauth_jauser (id),
				    email varchar(254) not null,
				    verified boolean not null,
				    "primary" boolean not null)""");
	}

	private static String user(long id, String password, String email, String username, boolean staff, int role) {
		return "insert into jwt_allauth_jauser (id, password, last_login, is_superuser, username, first_name, "
				+ "last_name, email, is_staff, is_active, date_joined, role) values (" + id + ", '" + password
				+ "', null, false, '" + username + "', '" + username + "', '', '" + email + "', " + staff
				+ ", true, now(), " + role + ")";
	}

	private static String address(long id, long userId, String email, boolean verified, boolean primary) {
		return "insert into account_emailaddress (id, user_id, email, verified, \"primary\") values (" + id + ", "
				+ userId + ", '" + email + "', " + verified + ", " + primary + ")";
	}

}
