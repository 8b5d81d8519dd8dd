package io.github.jwtallauth.test;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.Assert;
import org.springframework.web.context.support.WebApplicationContextUtils;

import io.github.jwtallauth.autoconfigure.token.TokenSubject;

/**
 * A MockMvc request made as a jwt-allauth user, the request-level twin of
 * {@link WithJwtAllAuthUser}:
 * {@code mockMvc.perform(get("/api/staff").with(jwtAllAuth().subject("42").role(1000)))}.
 * The request is authenticated with the {@code JwtAllAuthAuthenticationToken} that a
 * valid access token for this user would give, its authorities from the application's
 * {@code jwtallauth.roles}. The MockMvc instance needs Spring Security's test support
 * ({@code @WebMvcTest} and {@code @AutoConfigureMockMvc} apply it).
 *
 * @author jwt-allauth contributors
 */
public final class JwtAllAuthRequestPostProcessor implements RequestPostProcessor {

	private String subject = "1";

	private int role;

	private boolean emailVerified;

	private final Map<String, @Nullable Object> claims = new LinkedHashMap<>();

	private String sessionId = TestPrincipals.SESSION_ID;

	private JwtAllAuthRequestPostProcessor() {
	}

	/**
	 * A request made as user {@code 1} with role 0, e-mail address not verified and no
	 * attributes, until told otherwise.
	 * @return the post-processor
	 */
	public static JwtAllAuthRequestPostProcessor jwtAllAuth() {
		return new JwtAllAuthRequestPostProcessor();
	}

	/**
	 * Set the user id, the token's {@code sub}.
	 * @param subject the subject
	 * @return this post-processor
	 */
	public JwtAllAuthRequestPostProcessor subject(String subject) {
		Assert.hasText(subject, "'subject' must not be empty");
		this.subject = subject;
		return this;
	}

	/**
	 * Set the integer role.
	 * @param role the role
	 * @return this post-processor
	 */
	public JwtAllAuthRequestPostProcessor role(int role) {
		this.role = role;
		return this;
	}

	/**
	 * Set whether the user's e-mail address is verified.
	 * @param emailVerified {@code email_verified}
	 * @return this post-processor
	 */
	public JwtAllAuthRequestPostProcessor emailVerified(boolean emailVerified) {
		this.emailVerified = emailVerified;
		return this;
	}

	/**
	 * Add a user-attribute claim, read by {@code JwtAllAuthPrincipal.attribute(name)}.
	 * @param name the claim name
	 * @param value its value
	 * @return this post-processor
	 */
	public JwtAllAuthRequestPostProcessor claim(String name, @Nullable Object value) {
		Assert.hasText(name, "'name' must not be empty");
		this.claims.put(name, value);
		return this;
	}

	/**
	 * Set the device session, the token's {@code sid}.
	 * @param sessionId the session id
	 * @return this post-processor
	 */
	public JwtAllAuthRequestPostProcessor sessionId(String sessionId) {
		Assert.hasText(sessionId, "'sessionId' must not be empty");
		this.sessionId = sessionId;
		return this;
	}

	@Override
	public MockHttpServletRequest postProcessRequest(MockHttpServletRequest request) {
		TestPrincipals principals = TestPrincipals
			.of(WebApplicationContextUtils.findWebApplicationContext(request.getServletContext()));
		TokenSubject user = new TokenSubject(this.subject, this.role, this.emailVerified, this.claims);
		return SecurityMockMvcRequestPostProcessors.authentication(principals.authentication(user, this.sessionId))
			.postProcessRequest(request);
	}

}
