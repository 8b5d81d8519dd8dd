package io.github.jwtallauth.autoconfigure.test;

/**
 * Properties that every {@code @SpringBootTest} class spells the same way. Spring caches
 * a test application context by its exact configuration, so two classes whose properties
 * differ only in a value no test looks at (a secret suffix, the schema check) would each
 * start their own context. Classes with the same properties, in the same order, share
 * one.
 */
public final class TestProperties {

	/** An HMAC signing secret for the test applications; no test depends on its value. */
	public static final String JWT_SECRET = "jwtallauth.jwt.secret=0123456789abcdef0123456789abcdef-tests";

	/** Hibernate checks the entities against the tables the migrations created. */
	public static final String VALIDATE_SCHEMA = "spring.jpa.hibernate.ddl-auto=validate";

	private TestProperties() {
	}

}
