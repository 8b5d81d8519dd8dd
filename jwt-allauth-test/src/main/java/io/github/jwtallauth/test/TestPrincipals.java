package io.github.jwtallauth.test;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthAuthenticationToken;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthRoles;
import io.github.jwtallauth.autoconfigure.token.TokenSubject;

/**
 * Builds the principals of test users with the application's own settings: its role table
 * (for the authorities), its access-token lifetime and its clock.
 *
 * @author jwt-allauth contributors
 */
final class TestPrincipals {

	/** Session id of test users that name none. */
	static final String SESSION_ID = "test-session";

	private final JwtAllAuthProperties properties;

	private final Clock clock;

	TestPrincipals(JwtAllAuthProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The settings of a test's application context: its {@code JwtAllAuthProperties}
	 * bean, or (in a slice such as {@code @WebMvcTest}, which has none) the
	 * {@code jwtallauth.*} properties of its environment, or the defaults without a
	 * context.
	 * @param context the test's application context, if any
	 * @return the settings
	 */
	static TestPrincipals of(@Nullable ApplicationContext context) {
		if (context == null) {
			return new TestPrincipals(bind(new Binder()), Clock.systemUTC());
		}
		JwtAllAuthProperties properties = context.getBeanProvider(JwtAllAuthProperties.class).getIfUnique();
		if (properties == null) {
			properties = (context.getEnvironment() instanceof ConfigurableEnvironment environment)
					? bind(Binder.get(environment)) : bind(new Binder());
		}
		return new TestPrincipals(properties, context.getBeanProvider(Clock.class).getIfUnique(Clock::systemUTC));
	}

	private static JwtAllAuthProperties bind(Binder binder) {
		return binder.bindOrCreate("jwtallauth", JwtAllAuthProperties.class);
	}

	JwtAllAuthProperties properties() {
		return this.properties;
	}

	Clock clock() {
		return this.clock;
	}

	/**
	 * The authentication a request with a valid access token for this user would have.
	 * @param user the user
	 * @param sessionId the device session
	 * @return the authentication, with the role's authorities from the role table
	 */
	JwtAllAuthAuthenticationToken authentication(TokenSubject user, String sessionId) {
		return JwtAllAuthRoles.of(this.properties.roles()).authenticationFor(principal(user, sessionId));
	}

	JwtAllAuthPrincipal principal(TokenSubject user, String sessionId) {
		Instant now = this.clock.instant();
		return new JwtAllAuthPrincipal(user.userId(), sessionId, now, user.role(), user.emailVerified(),
				user.attributes(), UUID.randomUUID().toString(), now.plus(this.properties.jwt().accessTokenLifetime()));
	}

	/**
	 * The principal a generic mock user ({@code @WithMockUser}, MockMvc's
	 * {@code user(...)}) stands for: its name is the subject, and the one role of the
	 * role table whose authority it has is the role.
	 * @param authentication the mock user's authentication
	 * @return the principal
	 * @throws IllegalStateException if the authorities name no role of the table, or
	 * several
	 */
	JwtAllAuthPrincipal principalOf(Authentication authentication) {
		Set<Integer> roles = JwtAllAuthRoles.of(this.properties.roles())
			.rolesGrantedBy(authentication.getAuthorities());
		if (roles.size() != 1) {
			throw new IllegalStateException("The test user '" + authentication.getName() + "' has the authorities "
					+ authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList()
					+ ", which grant " + (roles.isEmpty() ? "no role" : "the roles " + roles) + " of jwtallauth.roles "
					+ this.properties.roles()
					+ ", but a JwtAllAuthPrincipal has exactly one: give the mock user one of these roles "
					+ "(@WithMockUser(roles = \"STAFF\")), or use @WithJwtAllAuthUser(role = ...) or "
					+ "jwtAllAuth().role(...) of jwt-allauth-test");
		}
		return principal(new TokenSubject(authentication.getName(), roles.iterator().next(), false, Map.of()),
				SESSION_ID);
	}

}
