package io.github.jwtallauth.test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.util.Assert;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.token.SessionTokenClaims;
import io.github.jwtallauth.autoconfigure.token.TokenService;
import io.github.jwtallauth.autoconfigure.token.TokenSubject;

/**
 * Real access tokens, signed by the application's own {@link TokenService}, for tests
 * that call the application over HTTP ({@code @SpringBootTest(webEnvironment =
 * RANDOM_PORT)}) without logging in first. A bean of the test's application context
 * wherever jwt-allauth's token service is: inject it with {@code @Autowired}.
 * <p>
 * The tokens name a device session that was never opened, and their user need not exist:
 * they suit the application's own endpoints, which read the user from the token.
 * jwt-allauth's endpoints that look the user or the session up, and any endpoint with
 * {@code jwtallauth.jwt.access-session-check}, need a real login.
 *
 * @author jwt-allauth contributors
 */
public final class JwtAllAuthTestTokens {

	private final TokenService tokens;

	private final TestPrincipals settings;

	JwtAllAuthTestTokens(TokenService tokens, TestPrincipals settings) {
		this.tokens = tokens;
		this.settings = settings;
	}

	/**
	 * Create an access token for a user with role 0, e-mail address not verified and no
	 * attributes.
	 * @param subject the user id
	 * @return the signed token, for an {@code Authorization: Bearer} header
	 */
	public String accessToken(String subject) {
		return accessToken(new TokenSubject(subject, 0, false, Map.of()));
	}

	/**
	 * Create an access token for a user.
	 * @param user the user id, role, {@code email_verified} and attribute claims
	 * @return the signed token, for an {@code Authorization: Bearer} header
	 * @throws IllegalStateException with {@code jwtallauth.jwt.access-session-check},
	 * where only a login opens a session that such a token could name
	 */
	public String accessToken(TokenSubject user) {
		Assert.notNull(user, "'user' must not be null");
		JwtAllAuthProperties properties = this.settings.properties();
		if (properties.jwt().accessSessionCheck()) {
			throw new IllegalStateException("With jwtallauth.jwt.access-session-check every request checks that the "
					+ "token's session is live, and a test token has none: log in through POST " + properties.basePath()
					+ "/login instead");
		}
		Instant now = this.settings.clock().instant();
		return this.tokens.createAccessToken(user,
				new SessionTokenClaims("test-" + UUID.randomUUID(), now, Instant.MAX));
	}

}
