package io.github.jwtallauth.autoconfigure.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.mfa.MfaService;
import io.github.jwtallauth.autoconfigure.problem.ProblemResponseWriter;
import io.github.jwtallauth.autoconfigure.ratelimit.LoginThrottle;
import io.github.jwtallauth.autoconfigure.session.ClientIpResolver;
import io.github.jwtallauth.autoconfigure.session.JwtAllAuthSessionAutoConfiguration;
import io.github.jwtallauth.autoconfigure.session.SessionService;
import io.github.jwtallauth.autoconfigure.token.TokenService;

/**
 * Auto-configuration of jwt-allauth's web security.
 * <ul>
 * <li>A {@code Customizer<HttpSecurity>} that Spring Security applies to every filter
 * chain, the application's own included: bearer access tokens authenticate requests
 * everywhere.</li>
 * <li>A filter chain for jwt-allauth's own paths only (base path, JWK set and discovery
 * document), stateless, ordered ahead of the application's chains.</li>
 * <li>Spring Security's strict firewall, with its character rules as a fast loop, unless
 * the application declares its own {@code HttpFirewall}.</li>
 * <li>When the application declares no {@code SecurityFilterChain}, a default one that
 * requires a valid access token on every other request, in place of Boot's form-login
 * default.</li>
 * </ul>
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class },
		after = JwtAllAuthSessionAutoConfiguration.class,
		// ahead of Boot's OAuth2 login chain, which would otherwise take the place of the
		// default application chain once social-login providers are registered
		beforeName = "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
		// named, not imported: the web layer builds on this one
		afterName = "io.github.jwtallauth.autoconfigure.web.JwtAllAuthWebAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(JwtAllAuthProperties.class)
public final class JwtAllAuthWebSecurityAutoConfiguration {

	/** Endpoints anyone may call. */
	static final List<String> OPEN_ENDPOINTS = List.of("/login", "/refresh", "/registration",
			"/registration/resend-verification", "/registration/verification/{key}", "/registration/verified",
			"/registration/set-password", "/registration/set-password/default", "/password/reset",
			"/password/reset/confirm/{uid}/{token}", "/password/reset/set-new", "/password/reset/default",
			"/password/reset/complete", "/mfa/setup", "/mfa/activate", "/mfa/verify", "/mfa/verify-recovery",
			"/assets/{file}", "/social/providers", "/social/{provider}/token", "/social/{provider}/code");

	/** Endpoints that need a valid access token. */
	static final List<String> AUTHENTICATED_ENDPOINTS = List.of("/logout", "/logout-all", "/user", "/sessions",
			"/sessions/{id}", "/password/change", "/registration/user-register", "/mfa/recovery-codes",
			"/mfa/deactivate", "/mfa/authenticators", "/social/accounts", "/social/accounts/{id}",
			"/social/{provider}/connect/token", "/social/{provider}/connect/code");

	/**
	 * Order of jwt-allauth's own filter chain: ahead of the application's unordered
	 * chains.
	 */
	public static final int FILTER_CHAIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	@Bean
	@ConditionalOnMissingBean
	VerifiedTokenCache jwtAllAuthVerifiedTokenCache(JwtAllAuthProperties properties) {
		JwtAllAuthProperties.Jwt jwt = properties.jwt();
		long size = (jwt.verifiedTokenCacheSize() != null) ? jwt.verifiedTokenCacheSize()
				: VerifiedTokenCache.defaultMaximumSize(Runtime.getRuntime().maxMemory());
		return new VerifiedTokenCache(size, jwt.accessTokenLifetime().plus(jwt.clockSkew()), Ticker.systemTicker());
	}

	@Bean
	@ConditionalOnMissingBean
	AccessTokenAuthenticator jwtAllAuthAccessTokenAuthenticator(TokenService tokens, SessionService sessions,
			JwtAllAuthProperties properties, VerifiedTokenCache verified, ObjectProvider<Clock> clock) {
		return new AccessTokenAuthenticator(tokens, properties.roles(), sessions, properties.jwt().accessSessionCheck(),
				verified, properties.jwt().clockSkew(), clock.getIfUnique(Clock::systemUTC));
	}

	/**
	 * Spring Security's default firewall with its character rules for header names,
	 * header values and parameter names as a loop: the same requests pass and fail, and
	 * checking an access token's header no longer costs as much as verifying the token.
	 * An application that declares its own {@link HttpFirewall} keeps it.
	 * @return the firewall
	 */
	@Bean
	@ConditionalOnMissingBean(HttpFirewall.class)
	StrictHttpFirewall jwtAllAuthHttpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(FirewallCharacters::isAssignedAndNotControl);
		firewall.setAllowedHeaderValues(FirewallCharacters::isHeaderValue);
		firewall.setAllowedParameterNames(FirewallCharacters::isAssignedAndNotControl);
		return firewall;
	}

	/** Name of the entry point bean; declare a bean with this name to replace it. */
	public static final String ENTRY_POINT = "jwtAllAuthAuthenticationEntryPoint";

	/**
	 * Name of the access-denied handler bean; declare a bean with this name to replace
	 * it.
	 */
	public static final String ACCESS_DENIED_HANDLER = "jwtAllAuthAccessDeniedHandler";

	@Bean(ENTRY_POINT)
	@ConditionalOnMissingBean(name = ENTRY_POINT)
	ProblemAuthenticationEntryPoint jwtAllAuthAuthenticationEntryPoint(ProblemResponseWriter writer) {
		return new ProblemAuthenticationEntryPoint(writer);
	}

	@Bean(ACCESS_DENIED_HANDLER)
	@ConditionalOnMissingBean(name = ACCESS_DENIED_HANDLER)
	ProblemAccessDeniedHandler jwtAllAuthAccessDeniedHandler(ProblemResponseWriter writer) {
		return new ProblemAccessDeniedHandler(writer);
	}

	@Bean
	@ConditionalOnMissingBean
	JwtAllAuthHttpSecurityCustomizer jwtAllAuthHttpSecurityCustomizer(AccessTokenAuthenticator authenticator,
			@Qualifier(ENTRY_POINT) AuthenticationEntryPoint jwtAllAuthAuthenticationEntryPoint,
			@Qualifier(ACCESS_DENIED_HANDLER) AccessDeniedHandler jwtAllAuthAccessDeniedHandler,
			ProblemResponseWriter writer) {
		return new JwtAllAuthHttpSecurityCustomizer(authenticator, jwtAllAuthAuthenticationEntryPoint,
				jwtAllAuthAccessDeniedHandler, writer);
	}

	@Bean
	@ConditionalOnMissingBean({ AuthenticationProvider.class, UserDetailsService.class })
	JwtAllAuthPasswordAuthenticationProvider jwtAllAuthPasswordAuthenticationProvider(
			PasswordAuthenticator authenticator, JwtAllAuthProperties properties,
			ObjectProvider<LoginThrottle> throttle, ObjectProvider<ClientIpResolver> clientIps,
			ObjectProvider<MfaService> mfa) {
		return new JwtAllAuthPasswordAuthenticationProvider(authenticator, JwtAllAuthRoles.of(properties.roles()),
				throttle.getIfAvailable(), clientIps.getIfAvailable(), mfa.getIfAvailable());
	}

	@Bean
	@Order(FILTER_CHAIN_ORDER)
	@ConditionalOnMissingBean(name = "jwtAllAuthSecurityFilterChain")
	SecurityFilterChain jwtAllAuthSecurityFilterChain(HttpSecurity http, JwtAllAuthProperties properties,
			@Qualifier(ENTRY_POINT) AuthenticationEntryPoint jwtAllAuthAuthenticationEntryPoint,
			@Qualifier(ACCESS_DENIED_HANDLER) AccessDeniedHandler jwtAllAuthAccessDeniedHandler) throws Exception {
		String base = properties.basePath();
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		// Only jwt-allauth's own endpoints: an application path that happens to sit under
		// the base path
		// (base path /api, say) stays with the application's chain and its rules.
		List<RequestMatcher> ours = new ArrayList<>(List.of(endpoints(paths, base, OPEN_ENDPOINTS)));
		ours.addAll(List.of(endpoints(paths, base, AUTHENTICATED_ENDPOINTS)));
		if (properties.openapi().enabled()) {
			// the description of the endpoints is as public as the endpoints themselves
			ours.add(paths.matcher(base + "/openapi.yaml"));
			ours.add(paths.matcher(base + "/openapi.yaml/"));
		}
		ours.add(paths.matcher(properties.jwt().jwksPath()));
		ours.add(paths.matcher(properties.jwt().jwksPath() + "/"));
		ours.add(paths.matcher(JwtAllAuthProperties.Jwt.DISCOVERY_PATH));
		ours.add(paths.matcher(JwtAllAuthProperties.Jwt.DISCOVERY_PATH + "/"));
		http.securityMatcher(new OrRequestMatcher(ours));
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers(endpoints(paths, base, AUTHENTICATED_ENDPOINTS))
					.authenticated()
					.anyRequest()
					.permitAll());
		stateless(http, jwtAllAuthAuthenticationEntryPoint, jwtAllAuthAccessDeniedHandler);
		return http.build();
	}

	private static RequestMatcher[] endpoints(PathPatternRequestMatcher.Builder paths, String base,
			List<String> endpoints) {
		List<RequestMatcher> matchers = new ArrayList<>();
		for (String endpoint : endpoints) {
			matchers.add(paths.matcher(base + endpoint));
			matchers.add(paths.matcher(base + endpoint + "/"));
		}
		return matchers.toArray(RequestMatcher[]::new);
	}

	static void stateless(HttpSecurity http, AuthenticationEntryPoint entryPoint,
			AccessDeniedHandler accessDeniedHandler) throws Exception {
		// Bearer tokens and an HttpOnly SameSite refresh cookie: no server session, no
		// CSRF token,
		// no login page, no logout filter claiming /logout.
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDeniedHandler));
	}

	/**
	 * Replaces Boot's default chain (form login and HTTP Basic with a generated password)
	 * when the application declares none: every request needs a valid access token.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDefaultWebSecurity
	static final class DefaultApplicationSecurityConfiguration {

		@Bean
		@Order(SecurityFilterChainOrder.DEFAULT)
		SecurityFilterChain jwtAllAuthDefaultSecurityFilterChain(HttpSecurity http,
				@Qualifier(ENTRY_POINT) AuthenticationEntryPoint jwtAllAuthAuthenticationEntryPoint,
				@Qualifier(ACCESS_DENIED_HANDLER) AccessDeniedHandler jwtAllAuthAccessDeniedHandler) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			stateless(http, jwtAllAuthAuthenticationEntryPoint, jwtAllAuthAccessDeniedHandler);
			return http.build();
		}

	}

	static final class SecurityFilterChainOrder {

		static final int DEFAULT = Ordered.LOWEST_PRECEDENCE - 5;

		private SecurityFilterChainOrder() {
		}

	}

}
