package io.github.jwtallauth.autoconfigure.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micrometer.common.KeyValues;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.JwtAllAuthObservation;
import io.github.jwtallauth.autoconfigure.JwtAllAuthObservation.Key;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.mfa.Authenticator;
import io.github.jwtallauth.autoconfigure.mfa.MfaService;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;
import io.github.jwtallauth.autoconfigure.session.ClientIpResolver;
import io.github.jwtallauth.autoconfigure.session.DeviceInfoResolver;
import io.github.jwtallauth.autoconfigure.session.IssuedSession;
import io.github.jwtallauth.autoconfigure.session.SessionService;
import io.github.jwtallauth.autoconfigure.session.UserLoggedInEvent;
import io.github.jwtallauth.autoconfigure.social.SocialPendingLinks;

/**
 * The MFA endpoints: enrolment (with a bearer token, or with the setup challenge that
 * {@code required} mode hands out instead of a session), the answers to a login
 * challenge, recovery codes, deactivation and the list of authenticators.
 *
 * @author jwt-allauth contributors
 */
@RestController
@RequestMapping("${jwtallauth.base-path:/jwt-allauth}")
final class MfaController {

	private static final KeyValues BY_TOTP = KeyValues.of(Key.METHOD.asString(), "totp");

	private static final KeyValues BY_RECOVERY_CODE = KeyValues.of(Key.METHOD.asString(), "recovery_code");

	private final MfaService mfa;

	private final AccountService accounts;

	private final SessionService sessions;

	private final DeviceInfoResolver devices;

	private final SessionResponses responses;

	private final ApplicationEventPublisher events;

	private final @Nullable ClientIpResolver clientIps;

	private final @Nullable SocialPendingLinks pendingLinks;

	private final Observations observations;

	/**
	 * Create the controller.
	 * @param mfa the MFA flows
	 * @param accounts the user store
	 * @param sessions opens sessions after a challenge
	 * @param devices describes the client a session is opened for
	 * @param responses writes session answers
	 * @param events publishes login events
	 * @param clientIps finds the client IP that wrong passwords on deactivation are
	 * counted against
	 * @param pendingLinks the social links that wait for a challenge to be passed, or
	 * {@code null} without social login
	 * @param observations times the answers to login challenges
	 */
	MfaController(MfaService mfa, AccountService accounts, SessionService sessions, DeviceInfoResolver devices,
			SessionResponses responses, ApplicationEventPublisher events, @Nullable ClientIpResolver clientIps,
			@Nullable SocialPendingLinks pendingLinks, Observations observations) {
		this.clientIps = clientIps;
		this.pendingLinks = pendingLinks;
		this.mfa = mfa;
		this.accounts = accounts;
		this.sessions = sessions;
		this.devices = devices;
		this.responses = responses;
		this.events = events;
		this.observations = observations;
	}

	@PostMapping({ "/mfa/setup", "/mfa/setup/" })
	public Map<String, Object> setup(@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal,
			@RequestBody(required = false) @Nullable MfaRequest body) {
		this.mfa.requireEnabled();
		MfaRequest request = (body != null) ? body : MfaRequest.EMPTY;
		String userId = (request.setupChallengeId() != null) ? this.mfa.userOfSetupChallenge(request.setupChallengeId())
				: Principals.require(principal).subject();
		MfaService.Enrolment enrolment = this.mfa.setup(activeUser(userId));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("secret", enrolment.secret());
		answer.put("provisioning_uri", enrolment.provisioningUri());
		answer.put("qr_code", enrolment.qrCode());
		return answer;
	}

	@PostMapping({ "/mfa/activate", "/mfa/activate/" })
	public Map<String, Object> activate(@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal,
			@RequestBody MfaRequest body, HttpServletRequest request, HttpServletResponse response) {
		this.mfa.requireEnabled();
		String challenge = body.setupChallengeId();
		String userId = (challenge != null) ? this.mfa.userOfSetupChallenge(challenge)
				: Principals.require(principal).subject();
		String code = required("code", body.code());
		// with a setup challenge, activation spends it: it stood in for the session that
		// opens now
		List<String> codes = this.mfa.activate(userId, code, challenge);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("success", true);
		answer.put("recovery_codes", codes);
		if (challenge != null) {
			UserAccount user = activeUser(userId);
			completeHeldLink(challenge, user);
			answer.putAll(openSession(user, request, response));
		}
		return answer;
	}

	@PostMapping({ "/mfa/verify", "/mfa/verify/" })
	public Map<String, Object> verify(@RequestBody MfaRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		return this.observations.observe(JwtAllAuthObservation.MFA_VERIFY, BY_TOTP, (observation) -> {
			this.mfa.requireEnabled();
			FieldErrors errors = new FieldErrors();
			errors.require("challenge_id", body.challengeId());
			errors.require("code", body.code());
			errors.throwIfAny();
			UserAccount user = this.mfa.verify(body.challengeId(), body.code(), false);
			completeHeldLink(body.challengeId(), user);
			return openSession(user, request, response);
		});
	}

	@PostMapping({ "/mfa/verify-recovery", "/mfa/verify-recovery/" })
	public Map<String, Object> verifyRecovery(@RequestBody MfaRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		return this.observations.observe(JwtAllAuthObservation.MFA_VERIFY, BY_RECOVERY_CODE, (observation) -> {
			this.mfa.requireEnabled();
			FieldErrors errors = new FieldErrors();
			errors.require("challenge_id", body.challengeId());
			errors.require("recovery_code", body.recoveryCode());
			errors.throwIfAny();
			UserAccount user = this.mfa.verify(body.challengeId(), body.recoveryCode(), true);
			completeHeldLink(body.challengeId(), user);
			return openSession(user, request, response);
		});
	}

	@PostMapping({ "/mfa/recovery-codes", "/mfa/recovery-codes/" })
	public Map<String, Object> recoveryCodes(@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal,
			@RequestBody MfaRequest body) {
		String userId = Principals.require(principal).subject();
		this.mfa.requireEnabled();
		String code = required("code", body.code());
		return Map.of("recovery_codes", this.mfa.regenerateRecoveryCodes(userId, code));
	}

	@PostMapping({ "/mfa/deactivate", "/mfa/deactivate/" })
	public Map<String, Object> deactivate(@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal,
			@RequestBody MfaRequest body, HttpServletRequest request) {
		String userId = Principals.require(principal).subject();
		this.mfa.requireEnabled();
		FieldErrors errors = new FieldErrors();
		errors.requireVerbatim("password", body.password());
		errors.require("code", body.code());
		errors.throwIfAny();
		String ip = (this.clientIps != null) ? this.clientIps.resolve(request) : null;
		this.mfa.deactivate(activeUser(userId), body.password(), body.code(), ip);
		return Map.of("success", true);
	}

	@GetMapping({ "/mfa/authenticators", "/mfa/authenticators/" })
	public List<Map<String, Object>> authenticators(@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal) {
		String userId = Principals.require(principal).subject();
		List<Map<String, Object>> list = new ArrayList<>();
		for (Authenticator authenticator : this.mfa.authenticators(userId)) {
			list.add(item(authenticator));
		}
		return list;
	}

	private static Map<String, Object> item(Authenticator authenticator) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("id", authenticator.id());
		item.put("type", authenticator.type());
		item.put("created_at", authenticator.createdAt().toString());
		item.put("last_used_at", (authenticator.lastUsedAt() != null) ? authenticator.lastUsedAt().toString() : null);
		return item;
	}

	private Map<String, Object> openSession(UserAccount user, HttpServletRequest request,
			HttpServletResponse response) {
		IssuedSession session = this.sessions.open(user, this.devices.resolve(request));
		this.events.publishEvent(new UserLoggedInEvent(user.getId(), session.sessionId()));
		return this.responses.deliver(session, response);
	}

	// a social sign-in that stopped at this challenge linked nothing yet: it may now
	private void completeHeldLink(String challengeId, UserAccount user) {
		if (this.pendingLinks != null) {
			this.pendingLinks.complete(challengeId, user.getId());
		}
	}

	private UserAccount activeUser(String userId) {
		return this.accounts.findById(userId)
			.filter(UserAccount::isActive)
			.orElseThrow(JwtAllAuthException::tokenNotValid);
	}

	private static String required(String field, @Nullable String value) {
		FieldErrors errors = new FieldErrors();
		errors.require(field, value);
		errors.throwIfAny();
		return value;
	}

	/**
	 * Body of the MFA endpoints; each reads the fields it needs.
	 *
	 * @param code a TOTP code
	 * @param recoveryCode a recovery code
	 * @param challengeId a login challenge id
	 * @param setupChallengeId a setup challenge id
	 * @param password the current password
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record MfaRequest(@Nullable String code, @JsonProperty("recovery_code") @Nullable String recoveryCode,
			@JsonProperty("challenge_id") @Nullable String challengeId,
			@JsonProperty("setup_challenge_id") @Nullable String setupChallengeId, @Nullable String password) {

		static final MfaRequest EMPTY = new MfaRequest(null, null, null, null, null);

		@Override
		public String toString() {
			return "MfaRequest[******]";
		}

	}

}
