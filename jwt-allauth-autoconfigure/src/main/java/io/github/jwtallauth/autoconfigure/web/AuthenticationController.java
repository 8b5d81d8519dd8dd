package io.github.jwtallauth.autoconfigure.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.EmailAddresses;
import io.github.jwtallauth.autoconfigure.JwtAllAuthObservation;
import io.github.jwtallauth.autoconfigure.JwtAllAuthObservation.Key;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.ratelimit.LoginThrottle;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;
import io.github.jwtallauth.autoconfigure.session.ClientIpResolver;
import io.github.jwtallauth.autoconfigure.session.DeviceInfoResolver;
import io.github.jwtallauth.autoconfigure.session.IssuedSession;
import io.github.jwtallauth.autoconfigure.session.LoginFailedEvent;
import io.github.jwtallauth.autoconfigure.session.SessionService;
import io.github.jwtallauth.autoconfigure.session.UserLoggedInEvent;

/**
 * Login, refresh, logout and logout-all.
 *
 * @author jwt-allauth contributors
 */
@RestController
@RequestMapping("${jwtallauth.base-path:/jwt-allauth}")
final class AuthenticationController {

	static final String MFA_REQUIRED = "required";

	static final String MFA_NONE = "none";

	private static final KeyValues LOGIN_KEYS = KeyValues.of(Key.METHOD.asString(), "password", Key.MFA.asString(),
			MFA_NONE);

	private static final KeyValues REFRESH_BY_COOKIE = KeyValues.of(Key.METHOD.asString(), "cookie");

	private static final KeyValues REFRESH_BY_BODY = KeyValues.of(Key.METHOD.asString(), "body");

	private static final KeyValues LOGOUT_ONE = KeyValues.of(Key.SCOPE.asString(), "session");

	private static final KeyValues LOGOUT_ALL = KeyValues.of(Key.SCOPE.asString(), "all");

	private final PasswordAuthenticator authenticator;

	private final SessionService sessions;

	private final DeviceInfoResolver devices;

	private final SessionResponses responses;

	private final RefreshTokenCookies cookies;

	private final RefreshOriginCheck originCheck;

	private final JsonMapper jsonMapper;

	private final ApplicationEventPublisher events;

	private final @Nullable LoginThrottle throttle;

	private final @Nullable ClientIpResolver clientIps;

	private final @Nullable MfaGate gate;

	private final Observations observations;

	/**
	 * Create the controller with brute-force protection of {@code POST /login}.
	 * @param authenticator checks e-mail and password
	 * @param sessions opens sessions
	 * @param devices describes the client a session is opened or refreshed for
	 * @param responses writes session answers
	 * @param cookies the refresh cookie
	 * @param originCheck refuses cookie-mode refreshes sent for pages of other origins
	 * @param jsonMapper reads bodies
	 * @param events publishes login events
	 * @param throttle the failed-login limits, or {@code null} for none
	 * @param clientIps finds the client IP the limits count by
	 * @param gate the MFA gate, or {@code null} to open sessions directly
	 * @param observations times login, refresh and logout
	 */
	AuthenticationController(PasswordAuthenticator authenticator, SessionService sessions, DeviceInfoResolver devices,
			SessionResponses responses, RefreshTokenCookies cookies, RefreshOriginCheck originCheck,
			JsonMapper jsonMapper, ApplicationEventPublisher events, @Nullable LoginThrottle throttle,
			@Nullable ClientIpResolver clientIps, @Nullable MfaGate gate, Observations observations) {
		this.authenticator = authenticator;
		this.sessions = sessions;
		this.devices = devices;
		this.responses = responses;
		this.cookies = cookies;
		this.originCheck = originCheck;
		this.jsonMapper = jsonMapper;
		this.events = events;
		this.throttle = throttle;
		this.clientIps = clientIps;
		this.gate = gate;
		this.observations = observations;
	}

	@PostMapping({ "/login", "/login/" })
	public Map<String, Object> login(@RequestBody LoginRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		return this.observations.observe(JwtAllAuthObservation.LOGIN, LOGIN_KEYS,
				(observation) -> login(body, request, response, observation));
	}

	private Map<String, Object> login(LoginRequest body, HttpServletRequest request, HttpServletResponse response,
			Observation observation) {
		FieldErrors errors = new FieldErrors();
		errors.require("email", body.email());
		errors.requireVerbatim("password", body.password());
		errors.throwIfAny();
		// an address that cannot be one is counted as sent: no account can be charged for
		// it
		String email = EmailAddresses.parse(body.email()).orElse(body.email());
		String ip = (this.clientIps != null) ? this.clientIps.resolve(request) : null;
		UserAccount user;
		try {
			user = (this.throttle != null)
					? this.throttle.check(email, ip,
							() -> this.authenticator.authenticate(body.email(), body.password()))
					: this.authenticator.authenticate(body.email(), body.password());
		}
		catch (JwtAllAuthException ex) {
			this.events.publishEvent(new LoginFailedEvent(email, ex.getCode()));
			throw ex;
		}
		if (this.gate != null) {
			MfaGate.Result result;
			try {
				result = this.gate.open(user, request, response);
			}
			catch (JwtAllAuthException ex) {
				// the user's MFA is locked
				observation.lowCardinalityKeyValue(Key.MFA.asString(), MFA_REQUIRED);
				this.events.publishEvent(new LoginFailedEvent(email, ex.getCode()));
				throw ex;
			}
			if (result.session() != null) {
				this.events.publishEvent(new UserLoggedInEvent(user.getId(), result.session().sessionId()));
			}
			else {
				observation.lowCardinalityKeyValue(Key.MFA.asString(), MFA_REQUIRED);
			}
			return result.answer();
		}
		IssuedSession session = this.sessions.open(user, this.devices.resolve(request));
		this.events.publishEvent(new UserLoggedInEvent(user.getId(), session.sessionId()));
		return this.responses.deliver(session, response);
	}

	@PostMapping({ "/refresh", "/refresh/" })
	public Map<String, Object> refresh(HttpServletRequest request, HttpServletResponse response) {
		// the hot path: one observation, its keys known before it starts
		KeyValues keys = this.cookies.isCookieMode() ? REFRESH_BY_COOKIE : REFRESH_BY_BODY;
		return this.observations.observe(JwtAllAuthObservation.REFRESH, keys, (observation) -> {
			// before the cookie is even read: a refused request leaves the session
			// exactly as it was
			this.originCheck.check(request);
			String token = presentedRefreshToken(request);
			return this.responses.deliver(this.sessions.refresh(token, this.devices.resolveIp(request)), response);
		});
	}

	@PostMapping({ "/logout", "/logout/" })
	public Map<String, Object> logout(@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal,
			HttpServletRequest request, HttpServletResponse response) {
		return this.observations.observe(JwtAllAuthObservation.LOGOUT, LOGOUT_ONE, (observation) -> {
			JwtAllAuthPrincipal user = Principals.require(principal);
			this.sessions.logout(user.subject(), presentedRefreshToken(request));
			if (this.cookies.isCookieMode()) {
				this.cookies.clear(response);
			}
			return Map.of("detail", "Successfully logged out.");
		});
	}

	@PostMapping({ "/logout-all", "/logout-all/" })
	public Map<String, Object> logoutAll(@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal,
			HttpServletResponse response) {
		return this.observations.observe(JwtAllAuthObservation.LOGOUT, LOGOUT_ALL, (observation) -> {
			this.sessions.logoutAll(Principals.require(principal).subject());
			if (this.cookies.isCookieMode()) {
				this.cookies.clear(response);
			}
			return Map.of("detail", "Successfully logged out from all devices.");
		});
	}

	// Cookie mode reads only the cookie, body mode only the body: a token is never taken
	// from the
	// place the configuration does not name.
	private String presentedRefreshToken(HttpServletRequest request) {
		String token = this.cookies.isCookieMode() ? this.cookies.read(request) : readBodyToken(request);
		if (token == null || token.isBlank()) {
			throw JwtAllAuthException.invalid(Map.of("refresh", List.of(FieldErrors.REQUIRED)));
		}
		return token;
	}

	private @Nullable String readBodyToken(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
			return null;
		}
		try {
			JsonNode tree = this.jsonMapper.readTree(request.getInputStream());
			JsonNode refresh = (tree != null) ? tree.get("refresh") : null;
			return (refresh != null && refresh.isString()) ? refresh.asString() : null;
		}
		catch (JacksonException | IOException ex) {
			throw JwtAllAuthException.invalid(Map.of("refresh", List.of("The body is not valid JSON.")));
		}
	}

	/**
	 * Body of {@code POST /login}.
	 *
	 * @param email the e-mail address
	 * @param password the password
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record LoginRequest(@Nullable String email, @Nullable String password) {

		@Override
		public String toString() {
			return "LoginRequest[email=" + this.email + "]";
		}

	}

}
