package io.github.jwtallauth.autoconfigure.social;

import org.springframework.boot.test.context.SpringBootTest;

import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.testapp.TestApplication;

/**
 * The social account store on H2, the default database.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
		TestProperties.JWT_SECRET, "spring.datasource.hikari.maximum-pool-size=25", TestProperties.VALIDATE_SCHEMA })
class H2SocialAccountStoreTests extends AbstractSocialAccountStoreTests {

}
