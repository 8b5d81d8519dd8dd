package io.github.jwtallauth.autoconfigure.session;

import org.springframework.boot.test.context.SpringBootTest;

import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.testapp.TestApplication;

/**
 * The session store's rules on H2, the default database.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
		TestProperties.JWT_SECRET, "spring.datasource.hikari.maximum-pool-size=25", TestProperties.VALIDATE_SCHEMA })
class H2SessionStoreTests extends AbstractSessionStoreTests {

	@Override
	protected String historyTable() {
		// Flyway quotes the name on H2, which otherwise upper-cases identifiers
		return "\"" + JwtAllAuthSchemaMigrator.HISTORY_TABLE + "\"";
	}

}
