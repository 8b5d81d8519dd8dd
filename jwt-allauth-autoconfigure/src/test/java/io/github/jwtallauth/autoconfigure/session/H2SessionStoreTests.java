package io.github.jwtallauth.autoconfigure.session;

import org.springframework.boot.test.context.SpringBootTest;

import io.github.jwtallauth.testapp.TestApplication;

/**
 * The session store's rules on H2, the default database.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK,
		properties = { "jwtallauth.jwt.secret=0123456789abcdef0123456789abcdef-store-tests",
				"spring.datasource.hikari.maximum-pool-size=25", "spring.jpa.hibernate.ddl-auto=validate" })
class H2SessionStoreTests extends AbstractSessionStoreTests {

	@Override
	protected String historyTable() {
		// Flyway quotes the name on H2, which otherwise upper-cases identifiers
		return "\"" + JwtAllAuthSchemaMigrator.HISTORY_TABLE + "\"";
	}

}
