package io.github.jwtallauth.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.JwtAllAuthObservation;
import io.github.jwtallauth.autoconfigure.JwtAllAuthObservation.Key;
import io.github.jwtallauth.autoconfigure.account.AccountRegisteredEvent;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;
import io.github.jwtallauth.autoconfigure.social.SocialAccount;
import io.github.jwtallauth.autoconfigure.social.SocialIdentity;
import io.github.jwtallauth.autoconfigure.social.SocialLoginEvent;
import io.github.jwtallauth.autoconfigure.social.SocialLoginService;

/**
 * The social-login endpoints: the configured providers, a sign-in with a credential or
 * code the client obtained from one, and the signed-in user's links. A sign-in answers
 * exactly as {@code POST /login} does: a session, or the MFA challenge to meet first.
 *
 * @author jwt-allauth contributors
 */
@RestController
@RequestMapping("${jwtallauth.base-path:/jwt-allauth}")
final class SocialController {

	static final String CREDENTIAL_REQUIRED = "Either an id_token or an access_token is required.";

	private final SocialLoginService social;

	private final MfaGate gate;

	private final ApplicationEventPublisher events;

	private final Observations observations;

	SocialController(SocialLoginService social, MfaGate gate, ApplicationEventPublisher events,
			Observations observations) {
		this.social = social;
		this.gate = gate;
		this.events = events;
		this.observations = observations;
	}

	@GetMapping({ "/social/providers", "/social/providers/" })
	public List<Map<String, Object>> providers() {
		return this.social.providers().stream().map((provider) -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", provider.id());
			json.put("name", provider.name());
			json.put("client_id", provider.clientId());
			return json;
		}).toList();
	}

	@GetMapping({ "/social/accounts", "/social/accounts/" })
	public List<Map<String, Object>> accounts(@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal) {
		return this.social.accounts(Principals.require(principal).subject())
			.stream()
			.map(SocialController::link)
			.toList();
	}

	private static Map<String, Object> link(SocialAccount link) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", link.id());
		json.put("provider", link.provider());
		json.put("uid", link.uid());
		json.put("last_login", link.lastLogin().toString());
		json.put("date_joined", link.dateJoined().toString());
		return json;
	}

	@DeleteMapping({ "/social/accounts/{id}", "/social/accounts/{id}/" })
	public ResponseEntity<Void> disconnect(@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal,
			@PathVariable String id) {
		String userId = Principals.require(principal).subject();
		long linkId;
		try {
			linkId = Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw JwtAllAuthException.notFound();
		}
		this.social.disconnect(userId, linkId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping({ "/social/{provider}/token", "/social/{provider}/token/" })
	public Map<String, Object> token(@PathVariable String provider, @RequestBody TokenRequest body,
			HttpServletRequest request, HttpServletResponse response) {
		// with both, the ID token decides (see verify)
		String method = isEmpty(body.idToken()) ? (isEmpty(body.accessToken()) ? "none" : "access_token") : "id_token";
		return this.observations.observe(JwtAllAuthObservation.SOCIAL_LOGIN, keys(method),
				(observation) -> signIn(provider, verify(provider, body), request, response, observation));
	}

	@PostMapping({ "/social/{provider}/code", "/social/{provider}/code/" })
	public Map<String, Object> code(@PathVariable String provider, @RequestBody CodeRequest body,
			HttpServletRequest request, HttpServletResponse response) {
		return this.observations.observe(JwtAllAuthObservation.SOCIAL_LOGIN, keys("code"),
				(observation) -> signIn(provider, exchange(provider, body), request, response, observation));
	}

	@PostMapping({ "/social/{provider}/connect/token", "/social/{provider}/connect/token/" })
	public ResponseEntity<Map<String, Object>> connectToken(
			@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal, @PathVariable String provider,
			@RequestBody TokenRequest body) {
		String userId = Principals.require(principal).subject();
		return connected(this.social.connect(userId, verify(provider, body)));
	}

	@PostMapping({ "/social/{provider}/connect/code", "/social/{provider}/connect/code/" })
	public ResponseEntity<Map<String, Object>> connectCode(
			@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal, @PathVariable String provider,
			@RequestBody CodeRequest body) {
		String userId = Principals.require(principal).subject();
		return connected(this.social.connect(userId, exchange(provider, body)));
	}

	private SocialIdentity verify(String provider, TokenRequest body) {
		if (isEmpty(body.idToken()) && isEmpty(body.accessToken())) {
			FieldErrors errors = new FieldErrors();
			errors.add("non_field_errors", CREDENTIAL_REQUIRED);
			errors.throwIfAny();
		}
		if (isEmpty(body.idToken())) {
			return this.social.verifyAccessToken(provider, body.clientId(), body.accessToken());
		}
		// with both, the ID token decides: unlike an access token it names its audience
		return this.social.verifyIdToken(provider, body.clientId(), body.idToken(), body.nonce());
	}

	private SocialIdentity exchange(String provider, CodeRequest body) {
		FieldErrors errors = new FieldErrors();
		errors.require("code", body.code());
		errors.require("callback_url", body.callbackUrl());
		errors.throwIfAny();
		return this.social.exchangeCode(provider, body.clientId(), body.code(), body.callbackUrl(),
				isEmpty(body.codeVerifier()) ? null : body.codeVerifier(), body.nonce());
	}

	private static ResponseEntity<Map<String, Object>> connected(SocialAccount link) {
		return ResponseEntity.status(HttpStatus.CREATED).body(link(link));
	}

	// both flows answer alike once the provider has said who the user is
	private static KeyValues keys(String method) {
		return KeyValues.of(Key.METHOD.asString(), method, Key.MFA.asString(), AuthenticationController.MFA_NONE);
	}

	private Map<String, Object> signIn(String provider, SocialIdentity identity, HttpServletRequest request,
			HttpServletResponse response, Observation observation) {
		// a locked second factor refuses before the resolution writes anything
		SocialLoginService.Resolution resolution = this.social.resolve(identity, (existing) -> {
			try {
				this.gate.precheck(existing);
			}
			catch (JwtAllAuthException ex) {
				// the user's MFA is locked
				observation.lowCardinalityKeyValue(Key.MFA.asString(), AuthenticationController.MFA_REQUIRED);
				throw ex;
			}
			return this.gate.requiresSecondFactor(existing);
		});
		UserAccount user = resolution.user();
		if (resolution.created()) {
			this.events.publishEvent(new AccountRegisteredEvent(user.getId()));
		}
		MfaGate.Result result = this.gate.open(user, request, response);
		this.social.settle(resolution, result.challengeId());
		if (result.session() != null) {
			this.events.publishEvent(new SocialLoginEvent(user.getId(), result.session().sessionId(), provider));
		}
		else {
			observation.lowCardinalityKeyValue(Key.MFA.asString(), AuthenticationController.MFA_REQUIRED);
		}
		return result.answer();
	}

	private static boolean isEmpty(@Nullable String value) {
		return value == null || value.isBlank();
	}

	/**
	 * Body of {@code POST /social/{provider}/token}.
	 *
	 * @param idToken the OpenID Connect ID token the client obtained
	 * @param accessToken the OAuth 2.0 access token the client obtained
	 * @param clientId the client id the credential was issued to
	 * @param nonce the nonce of the client's authorization request, when it sent one
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record TokenRequest(@JsonProperty("id_token") @Nullable String idToken,
			@JsonProperty("access_token") @Nullable String accessToken,
			@JsonProperty("client_id") @Nullable String clientId, @Nullable String nonce) {

		@Override
		public String toString() {
			return "TokenRequest[clientId=" + this.clientId + "]";
		}

	}

	/**
	 * Body of {@code POST /social/{provider}/code}.
	 *
	 * @param code the authorization code the provider redirected the client with
	 * @param callbackUrl the redirect URI of the client's authorization request
	 * @param codeVerifier the PKCE code verifier of the client's authorization request
	 * @param clientId the client id the code was issued to, when the client sends it
	 * @param nonce the nonce of the client's authorization request, when it sent one
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record CodeRequest(@Nullable String code, @JsonProperty("callback_url") @Nullable String callbackUrl,
			@JsonProperty("code_verifier") @Nullable String codeVerifier,
			@JsonProperty("client_id") @Nullable String clientId, @Nullable String nonce) {

		@Override
		public String toString() {
			return "CodeRequest[clientId=" + this.clientId + "]";
		}

	}

}
