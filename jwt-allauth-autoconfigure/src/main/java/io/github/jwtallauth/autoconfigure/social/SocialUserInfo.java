package io.github.jwtallauth.autoconfigure.social;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.log.LogMessage;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistration.ProviderDetails.UserInfoEndpoint;
import org.springframework.security.oauth2.core.AuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.util.StringUtils;

import io.github.jwtallauth.autoconfigure.EmailAddresses;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;

/**
 * Reads who the user is from a provider's user-info endpoint with an access token the
 * client obtained: the provider answering for the token is what verifies it. Answers
 * shaped as OpenID Connect's ({@code email}, {@code email_verified}, {@code given_name},
 * {@code family_name}) are read as such; a GitHub-shaped endpoint (its path ends with
 * {@code /user}, as on github.com and on GitHub Enterprise Server) lists its addresses,
 * and which of them are verified, at {@code /user/emails}.
 * <p>
 * The calls go through the JDK's HTTP client rather than Spring Security's user service,
 * which sets no timeout, cannot read the address list, and would bring the web client
 * into this package. They honour the registration's user-info authentication method (a
 * form post, or else a bearer header), follow no redirect (the token is for the endpoint
 * only), and must answer within a deadline.
 *
 * @author jwt-allauth contributors
 */
final class SocialUserInfo {

	private static final Log logger = LogFactory.getLog(SocialUserInfo.class);

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private static final String GITHUB_USER_PATH = "/user";

	private static final String GITHUB_HOST = "api.github.com";

	// a GitHub Enterprise Server's REST API
	private static final String GITHUB_ENTERPRISE_USER_PATH = "/api/v3/user";

	// far more than any user or address list; a provider that sends more is not one
	private static final int MAXIMUM_BODY = 256 * 1024;

	private static final JsonMapper json = new JsonMapper();

	private final HttpClient client;

	private final Duration timeout;

	/** Create a reader with its own client, which waits 5 seconds for a provider. */
	SocialUserInfo() {
		this(HttpClient.newBuilder().connectTimeout(DEFAULT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build(),
				DEFAULT_TIMEOUT);
	}

	/**
	 * Create a reader.
	 * @param client the HTTP client; it should follow no redirect
	 * @param timeout how long a provider has for each answer, from the request to the
	 * last byte
	 */
	SocialUserInfo(HttpClient client, Duration timeout) {
		this.client = client;
		this.timeout = timeout;
	}

	/**
	 * Ask the provider's user-info endpoint who an access token the client obtained
	 * belongs to. A user-info endpoint answers for a token issued to any application, so
	 * where the provider can say which application a token was issued to (GitHub, whose
	 * {@code POST /applications/{client_id}/token} answers only for this application's
	 * own tokens), it is asked first: a token another application obtained from the same
	 * user signs nobody in here.
	 * @param registration the provider's client registration
	 * @param accessToken the access token
	 * @return who the user is; the uid is the attribute the registration names as the
	 * user name attribute ({@code sub} when it names none)
	 * @throws JwtAllAuthException {@code INVALID_SOCIAL_TOKEN} when the provider does not
	 * answer for the token, {@code FLOW_NOT_SUPPORTED} when it has no user-info endpoint
	 */
	SocialIdentity identity(ClientRegistration registration, String accessToken) {
		return identity(registration, accessToken, false);
	}

	/**
	 * Whether this reader can tell that an access token a client sent was issued to this
	 * application, as it can for GitHub's.
	 * @param registration the provider's client registration
	 * @return whether {@link #identity(ClientRegistration, String)} checks the token's
	 * application
	 */
	boolean checksApplication(ClientRegistration registration) {
		String uri = registration.getProviderDetails().getUserInfoEndpoint().getUri();
		try {
			return StringUtils.hasText(uri) && isGitHub(URI.create(uri));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Ask the provider's user-info endpoint who an access token belongs to that the
	 * provider has just issued to this application, in exchange for a code.
	 * @param registration the provider's client registration
	 * @param accessToken the access token from the provider's token endpoint
	 * @return who the user is
	 * @throws JwtAllAuthException as {@link #identity(ClientRegistration, String)}
	 */
	SocialIdentity identityOfExchanged(ClientRegistration registration, String accessToken) {
		return identity(registration, accessToken, true);
	}

	private SocialIdentity identity(ClientRegistration registration, String accessToken, boolean ours) {
		String provider = registration.getRegistrationId();
		UserInfoEndpoint endpoint = registration.getProviderDetails().getUserInfoEndpoint();
		if (!StringUtils.hasText(endpoint.getUri())) {
			// without the endpoint nothing can tell whose token it is
			throw new JwtAllAuthException(ErrorCode.FLOW_NOT_SUPPORTED);
		}
		URI uri;
		HttpRequest request;
		try {
			uri = URI.create(endpoint.getUri());
			request = request(uri, endpoint, accessToken);
		}
		catch (IllegalArgumentException ex) {
			// a token that cannot be a header value (never logged), or a bad URI
			logger.debug(LogMessage.format("User info from '%s' not asked: no request could be made", provider));
			throw invalid();
		}
		if (!ours && isGitHub(uri)) {
			checkGitHubApplication(registration, uri, accessToken);
		}
		Map<String, Object> user = asObject(provider, fetch(provider, request));
		String uidAttribute = StringUtils.hasText(endpoint.getUserNameAttributeName())
				? endpoint.getUserNameAttributeName() : IdTokenClaimNames.SUB;
		String uid = uid(user.get(uidAttribute));
		if (uid == null) {
			logger.debug(LogMessage.format("User info from '%s' refused: no '%s'", provider, uidAttribute));
			throw invalid();
		}
		if (isGitHub(uri)) {
			return gitHubIdentity(provider, uid, user, emails(provider, uri, accessToken));
		}
		return ProviderClaims.openIdIdentity(provider, uid, user);
	}

	private static SocialIdentity gitHubIdentity(String provider, String uid, Map<String, Object> user,
			List<Map<?, ?>> emails) {
		String primary = null;
		List<String> verified = new ArrayList<>();
		for (Map<?, ?> entry : emails) {
			String email = ProviderClaims.text(entry.get("email"));
			boolean isPrimary = ProviderClaims.isTrue(entry.get("primary"));
			if (email != null && isPrimary) {
				primary = email;
			}
			if (email != null && ProviderClaims.isTrue(entry.get("verified"))) {
				// an address only counts in the one form the library stores and compares;
				// the primary one first, whatever the provider's order
				EmailAddresses.parse(email)
					.ifPresent((address) -> verified.add(isPrimary ? 0 : verified.size(), address));
			}
		}
		// without the list, the profile's public address, which nothing says is verified
		String email = (primary != null) ? primary : ProviderClaims.text(user.get(StandardClaimNames.EMAIL));
		String name = ProviderClaims.orEmpty(ProviderClaims.text(user.get("name"))).strip();
		int space = name.lastIndexOf(' ');
		String firstName = (space < 0) ? name : name.substring(0, space).strip();
		String lastName = (space < 0) ? "" : name.substring(space + 1);
		return new SocialIdentity(provider, uid, List.copyOf(new LinkedHashSet<>(verified)), email, firstName,
				lastName);
	}

	/**
	 * Refuse a GitHub token that was not issued to this application: GitHub's
	 * {@code /user} answers for any application's token, and an application that signs
	 * users in with it would let every other GitHub application its users authorised sign
	 * in as them. The check sits next to the user endpoint ({@code api.github.com}, or a
	 * GitHub Enterprise Server's {@code /api/v3}) and authenticates with the client id
	 * and secret.
	 */
	private void checkGitHubApplication(ClientRegistration registration, URI user, String accessToken) {
		String provider = registration.getRegistrationId();
		String base = user.toString().substring(0, user.toString().length() - GITHUB_USER_PATH.length());
		String credentials = registration.getClientId() + ":" + registration.getClientSecret();
		HttpRequest request;
		try {
			URI check = URI.create(base + "/applications/"
					+ URLEncoder.encode(registration.getClientId(), StandardCharsets.UTF_8) + "/token");
			request = HttpRequest.newBuilder(check)
				.timeout(this.timeout)
				.header("Accept", "application/vnd.github+json")
				.header("Content-Type", "application/json")
				.header("Authorization",
						"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
				.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("access_token", accessToken))))
				.build();
		}
		catch (IllegalArgumentException ex) {
			logger.debug(LogMessage.format("Token of '%s' not checked: no request could be made", provider));
			throw invalid();
		}
		// GitHub answers 404 for a token of another application, or none at all
		fetch(provider, request);
	}

	/**
	 * The address list of a GitHub-shaped endpoint, or an empty one when it cannot be
	 * read. The user was already identified by the user endpoint; the list only adds
	 * verified addresses, and a token without the {@code user:email} scope (GitHub then
	 * answers 404 or 403) is a working token whose user simply has none to show, as is an
	 * endpoint that only looks like GitHub's.
	 */
	private List<Map<?, ?>> emails(String provider, URI user, String accessToken) {
		URI uri = URI.create(user + "/emails");
		try {
			List<Map<?, ?>> emails = new ArrayList<>();
			for (Object entry : json.readValue(fetch(provider, bearer(uri, accessToken).GET().build()), List.class)) {
				if (entry instanceof Map<?, ?> map) {
					emails.add(map);
				}
			}
			return emails;
		}
		catch (RuntimeException ex) {
			// not the exception: a parse error would quote the addresses
			logger.debug(LogMessage.format("Address list from '%s' not read", provider));
			return List.of();
		}
	}

	private HttpRequest request(URI uri, UserInfoEndpoint endpoint, String accessToken) {
		if (AuthenticationMethod.FORM.equals(endpoint.getAuthenticationMethod())) {
			String form = "access_token=" + URLEncoder.encode(accessToken, StandardCharsets.UTF_8);
			return HttpRequest.newBuilder(uri)
				.timeout(this.timeout)
				.header("Accept", "application/json")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build();
		}
		// as Spring Security's user service does, any other method is a bearer header:
		// a token in a query string ends up in logs
		return bearer(uri, accessToken).GET().build();
	}

	private HttpRequest.Builder bearer(URI uri, String accessToken) {
		return HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + accessToken);
	}

	/** The body of a 2xx answer; any other outcome is the provider refusing the token. */
	private byte[] fetch(String provider, HttpRequest request) {
		// the request timeout ends with the response headers: the deadline covers the
		// body
		// too, so that a provider that stalls mid-answer does not hold a thread
		CompletableFuture<HttpResponse<byte[]>> answer = this.client.sendAsync(request, Bounded.handler(MAXIMUM_BODY));
		HttpResponse<byte[]> response;
		try {
			response = answer.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			answer.cancel(true);
			Thread.currentThread().interrupt();
			throw invalid();
		}
		catch (ExecutionException | TimeoutException ex) {
			answer.cancel(true);
			logger.debug(LogMessage.format("User info from '%s' not read", provider), ex);
			throw invalid();
		}
		if (response.statusCode() / 100 != 2) {
			// the provider's own words stay here: clients learn only that it refused
			logger.debug(LogMessage.format("User info from '%s' refused: status %d", provider, response.statusCode()));
			throw invalid();
		}
		return response.body();
	}

	private static Map<String, Object> asObject(String provider, byte[] body) {
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> user = json.readValue(body, Map.class);
			if (user != null) {
				return user;
			}
		}
		catch (RuntimeException ex) {
			logger.debug(LogMessage.format("User info from '%s' refused: not a JSON object", provider), ex);
		}
		throw invalid();
	}

	/**
	 * GitHub's API (api.github.com) or a GitHub Enterprise Server's ({@code /api/v3}),
	 * whose user endpoint lists the addresses separately and whose tokens can be checked
	 * to be this application's. Other providers whose user endpoint happens to end with
	 * {@code /user} (GitLab's, say) are read the OpenID Connect way and are never sent
	 * the client secret.
	 */
	private static boolean isGitHub(URI uri) {
		String path = uri.getRawPath();
		if (path == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
			return false;
		}
		return (GITHUB_HOST.equalsIgnoreCase(uri.getHost()) && path.equals(GITHUB_USER_PATH))
				|| path.endsWith(GITHUB_ENTERPRISE_USER_PATH);
	}

	/** A string, or an integer as GitHub's ids are; never blank. */
	private static @Nullable String uid(@Nullable Object value) {
		if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
			return value.toString();
		}
		return (value instanceof String text && StringUtils.hasText(text)) ? text : null;
	}

	private static JwtAllAuthException invalid() {
		return new JwtAllAuthException(ErrorCode.INVALID_SOCIAL_TOKEN);
	}

	/**
	 * A body read into memory up to a limit: a provider that sends more is cut off and
	 * its answer fails, instead of filling the heap (the JDK's own limiting handler needs
	 * Java 25).
	 */
	private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {

		private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();

		private final long limit;

		private long received;

		private Flow.@Nullable Subscription subscription;

		private Bounded(long limit) {
			this.limit = limit;
		}

		static HttpResponse.BodyHandler<byte[]> handler(long limit) {
			return (info) -> new Bounded(limit);
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.bytes.getBody();
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			this.bytes.onSubscribe(subscription);
		}

		@Override
		public void onNext(List<ByteBuffer> items) {
			if (this.received > this.limit) {
				// cut off already; what was in flight is dropped
				return;
			}
			for (ByteBuffer item : items) {
				this.received += item.remaining();
			}
			if (this.received > this.limit) {
				if (this.subscription != null) {
					this.subscription.cancel();
				}
				this.bytes.onError(new IOException("Answer larger than " + this.limit + " bytes"));
				return;
			}
			this.bytes.onNext(items);
		}

		@Override
		public void onError(Throwable failure) {
			if (this.received <= this.limit) {
				this.bytes.onError(failure);
			}
		}

		@Override
		public void onComplete() {
			if (this.received <= this.limit) {
				this.bytes.onComplete();
			}
		}

	}

}
