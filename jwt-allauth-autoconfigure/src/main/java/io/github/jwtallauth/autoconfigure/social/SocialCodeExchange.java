package io.github.jwtallauth.autoconfigure.social;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;

import org.springframework.web.client.RestClient;

import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * Exchanges an authorization code a client obtained at a provider for the provider's
 * tokens, with Spring Security's token client and the client's PKCE verifier. A code is
 * exchanged once: the hashes of codes already presented are kept for a while and a code
 * seen before is refused, whether or not the provider would refuse it too.
 *
 * @author jwt-allauth contributors
 */
final class SocialCodeExchange {

	private static final Log logger = LogFactory.getLog(SocialCodeExchange.class);

	// longer than any provider keeps a code valid
	private static final Duration REMEMBERED = Duration.ofMinutes(15);

	private static final int MAXIMUM_REMEMBERED = 100_000;

	// how long a provider has to answer an exchange; Spring Security's own client would
	// wait for ever
	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	// the exchange neither sends nor checks a state: the client checked its own
	private static final String STATE = "-";

	private final OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> client;

	private final Map<String, Boolean> exchanged;

	SocialCodeExchange() {
		this(tokenClient(TIMEOUT));
	}

	SocialCodeExchange(OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> client) {
		this.client = client;
		this.exchanged = Caffeine.newBuilder()
			.expireAfterWrite(REMEMBERED)
			.maximumSize(MAXIMUM_REMEMBERED)
			.<String, Boolean>build()
			.asMap();
	}

	/**
	 * Exchange a code at the provider's token endpoint.
	 * @param registration the provider's registration
	 * @param code the authorization code
	 * @param callbackUrl the redirect URI the code was issued for
	 * @param codeVerifier the PKCE code verifier, or {@code null} when the client sent no
	 * challenge
	 * @return the tokens of the provider's answer
	 * @throws JwtAllAuthException {@code invalid_social_token} when the code was
	 * presented before or the provider refuses it
	 */
	Tokens exchange(ClientRegistration registration, String code, String callbackUrl, @Nullable String codeVerifier) {
		// marked before the exchange, so that a concurrent replay is refused too
		if (this.exchanged.putIfAbsent(hash(registration.getRegistrationId(), code), Boolean.TRUE) != null) {
			throw new JwtAllAuthException(ErrorCode.INVALID_SOCIAL_TOKEN);
		}
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(registration.getProviderDetails().getAuthorizationUri())
			.clientId(registration.getClientId())
			.redirectUri(callbackUrl)
			.scopes(registration.getScopes())
			.state(STATE)
			.attributes((attributes) -> {
				if (codeVerifier != null) {
					attributes.put(PkceParameterNames.CODE_VERIFIER, codeVerifier);
				}
			})
			.build();
		OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success(code)
			.redirectUri(callbackUrl)
			.state(STATE)
			.build();
		OAuth2AccessTokenResponse tokens;
		try {
			tokens = this.client.getTokenResponse(new OAuth2AuthorizationCodeGrantRequest(registration,
					new OAuth2AuthorizationExchange(request, response)));
		}
		catch (RuntimeException ex) {
			// whatever the provider said stays here: clients learn only that it refused
			logger.debug(LogMessage.format("Code exchange at '%s' refused: %s", registration.getRegistrationId(),
					ex.getClass().getSimpleName()));
			throw new JwtAllAuthException(ErrorCode.INVALID_SOCIAL_TOKEN);
		}
		if (tokens == null) {
			throw new JwtAllAuthException(ErrorCode.INVALID_SOCIAL_TOKEN);
		}
		Object idToken = tokens.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
		return new Tokens(tokens.getAccessToken().getTokenValue(),
				(idToken instanceof String text && !text.isBlank()) ? text : null);
	}

	/**
	 * What a provider answered a code with.
	 *
	 * @param accessToken the access token, issued to this application's client
	 * @param idToken the OpenID Connect ID token, or {@code null} from a plain OAuth 2.0
	 * provider
	 */
	record Tokens(String accessToken, @Nullable String idToken) {

		@Override
		public String toString() {
			return "Tokens[******]";
		}

	}

	/**
	 * Spring Security's token client as it builds itself (its converters and error
	 * handler), on the JDK's HTTP client with timeouts and no redirects.
	 */
	private static OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokenClient(Duration timeout) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build());
		requests.setReadTimeout(timeout);
		RestClient rest = RestClient.builder()
			.requestFactory(requests)
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
		RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
		client.setRestClient(rest);
		return client;
	}

	private static String hash(String provider, String code) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest((provider + "\n" + code).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
