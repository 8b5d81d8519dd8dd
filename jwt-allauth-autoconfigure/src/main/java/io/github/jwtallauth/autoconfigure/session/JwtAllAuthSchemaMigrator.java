package io.github.jwtallauth.autoconfigure.session;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;

/**
 * Creates and upgrades jwt-allauth's tables with Flyway, independently of any Flyway the
 * application runs: its own history table ({@code jwt_allauth_schema_history}) and its
 * own file prefix ({@code JWTALLAUTH_V}), so an application's Flyway scanning
 * {@code db/migration} never picks up these files. Runs before the
 * {@code EntityManagerFactory} is created.
 *
 * @author jwt-allauth contributors
 */
final class JwtAllAuthSchemaMigrator implements InitializingBean {

	/**
	 * Root of the migrations; one folder per database: {@code h2}, {@code postgresql},
	 * {@code mysql}.
	 */
	public static final String LOCATION = "classpath:db/migration/jwtallauth/";

	/** Flyway history table of jwt-allauth's migrations. */
	public static final String HISTORY_TABLE = "jwt_allauth_schema_history";

	/** File prefix of jwt-allauth's versioned migrations. */
	public static final String PREFIX = "JWTALLAUTH_V";

	private static final Log logger = LogFactory.getLog(JwtAllAuthSchemaMigrator.class);

	private final DataSource dataSource;

	JwtAllAuthSchemaMigrator(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void afterPropertiesSet() throws SQLException {
		String vendor = vendor();
		if (vendor == null) {
			logger.warn("jwt-allauth ships migrations for H2, PostgreSQL and MySQL/MariaDB only; create the tables "
					+ "jwt_allauth_user and jwt_allauth_session yourself (see docs/database.md)");
			return;
		}
		FlywayMigration.migrate(this.dataSource, LOCATION + vendor);
	}

	// Flyway is touched only here, so that this class loads (for the initializer
	// detector) without it.
	private static final class FlywayMigration {

		static void migrate(DataSource dataSource, String location) {
			Flyway.configure(JwtAllAuthSchemaMigrator.class.getClassLoader())
				.dataSource(dataSource)
				.locations(location)
				.table(HISTORY_TABLE)
				.sqlMigrationPrefix(PREFIX)
				.baselineOnMigrate(true)
				.baselineVersion("0")
				.load()
				.migrate();
		}

	}

	private @Nullable String vendor() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			if (product.contains("h2")) {
				return "h2";
			}
			if (product.contains("postgres")) {
				return "postgresql";
			}
			if (product.contains("mariadb") || product.contains("mysql")) {
				return "mysql";
			}
			return null;
		}
	}

}
