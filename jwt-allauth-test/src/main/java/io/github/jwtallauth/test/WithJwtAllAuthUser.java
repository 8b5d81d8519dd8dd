package io.github.jwtallauth.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithSecurityContext;

/**
 * Runs a test as a jwt-allauth user: the security context holds the
 * {@code JwtAllAuthAuthenticationToken} that a valid access token for this user would
 * give, with the role's authority from {@code jwtallauth.roles} ({@code ROLE_STAFF} for
 * 1000 by default), so that {@code @AuthenticationPrincipal JwtAllAuthPrincipal} resolves
 * and the application's role rules apply. For {@code @WebMvcTest},
 * {@code @SpringBootTest} with MockMvc, and method-security tests; put it on a test
 * method or class, like Spring Security's {@code @WithMockUser}.
 *
 * @author jwt-allauth contributors
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@WithSecurityContext(factory = WithJwtAllAuthUserSecurityContextFactory.class)
public @interface WithJwtAllAuthUser {

	/**
	 * The user id, the token's {@code sub}.
	 * @return the subject
	 */
	String subject() default "1";

	/**
	 * The integer role.
	 * @return the role
	 */
	int role() default 0;

	/**
	 * Whether the user's e-mail address is verified.
	 * @return {@code email_verified}
	 */
	boolean emailVerified() default false;

	/**
	 * User-attribute claims, each as {@code name=value} ({@code "tenant=acme"}); the
	 * values are strings.
	 * @return the attributes
	 */
	String[] attributes() default {};

	/**
	 * The device session, the token's {@code sid}.
	 * @return the session id
	 */
	String sessionId() default TestPrincipals.SESSION_ID;

	/**
	 * When to set up the security context: before the test method (default), or before
	 * the test's execution ({@code TEST_EXECUTION}, after {@code @BeforeEach}).
	 * @return the event
	 */
	@AliasFor(annotation = WithSecurityContext.class)
	TestExecutionEvent setupBefore() default TestExecutionEvent.TEST_METHOD;

}
