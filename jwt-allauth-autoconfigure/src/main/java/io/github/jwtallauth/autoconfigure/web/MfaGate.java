package io.github.jwtallauth.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.mfa.MfaChallenge;
import io.github.jwtallauth.autoconfigure.mfa.MfaService;
import io.github.jwtallauth.autoconfigure.session.DeviceInfoResolver;
import io.github.jwtallauth.autoconfigure.session.IssuedSession;
import io.github.jwtallauth.autoconfigure.session.SessionService;

/**
 * Opens a session on every path where a user proved a password or a mailbox (login,
 * sign-up, password reset, invitation), unless MFA says otherwise: then the answer is the
 * login or setup challenge, and no session exists until the second factor. The original
 * let a mailbox alone open an MFA account through a reset; here no path skips the gate.
 *
 * @author jwt-allauth contributors
 */
final class MfaGate {

	private final @Nullable MfaService mfa;

	private final SessionService sessions;

	private final DeviceInfoResolver devices;

	private final SessionResponses responses;

	/**
	 * Create the gate.
	 * @param mfa the MFA flows, or {@code null} to open every session after the first
	 * factor
	 * @param sessions opens sessions
	 * @param devices describes the client a session is opened for
	 * @param responses writes session answers
	 */
	MfaGate(@Nullable MfaService mfa, SessionService sessions, DeviceInfoResolver devices, SessionResponses responses) {
		this.mfa = mfa;
		this.sessions = sessions;
		this.devices = devices;
		this.responses = responses;
	}

	/**
	 * Refuse at once, before a path changes anything, when the gate will refuse at its
	 * end (the user's MFA is locked).
	 * @param user the user
	 */
	void precheck(UserAccount user) {
		if (this.mfa != null) {
			this.mfa.checkGate(user);
		}
	}

	/**
	 * Whether a session for the user will need a second factor (or an enrolment) first.
	 * @param user the user
	 * @return whether the first factor alone is not enough
	 */
	boolean requiresSecondFactor(UserAccount user) {
		return this.mfa != null && this.mfa.requiresSecondFactor(user);
	}

	/**
	 * Open a session for a user, or answer with the challenge the user must meet first.
	 * @param user the user
	 * @param request the request, for device information
	 * @param response the response, for the refresh cookie
	 * @return the answer, and the session when one opened
	 */
	Result open(UserAccount user, HttpServletRequest request, HttpServletResponse response) {
		if (this.mfa != null) {
			MfaChallenge challenge = this.mfa.challenge(user);
			if (challenge != null) {
				return new Result(answer(challenge), null, challenge);
			}
		}
		IssuedSession session = this.sessions.open(user, this.devices.resolve(request));
		return new Result(this.responses.deliver(session, response), session, null);
	}

	/**
	 * Write a challenge as the body the clients know: {@code mfa_required} and
	 * {@code challenge_id}, or {@code mfa_setup_required} and {@code setup_challenge_id}.
	 * @param challenge the challenge
	 * @return the body, fields in that order
	 */
	static Map<String, Object> answer(MfaChallenge challenge) {
		Map<String, Object> answer = new LinkedHashMap<>();
		if (challenge instanceof MfaChallenge.Login login) {
			answer.put("mfa_required", true);
			answer.put("challenge_id", login.challengeId());
		}
		else if (challenge instanceof MfaChallenge.Setup setup) {
			answer.put("mfa_setup_required", true);
			answer.put("setup_challenge_id", setup.setupChallengeId());
		}
		return answer;
	}

	/**
	 * What the gate answered.
	 *
	 * @param answer the body
	 * @param session the session, when one opened
	 * @param challenge the challenge, when one was issued instead
	 */
	record Result(Map<String, Object> answer, @Nullable IssuedSession session, @Nullable MfaChallenge challenge) {

		/**
		 * The id of the challenge the client must answer, login or setup.
		 * @return the id, or {@code null} when a session opened
		 */
		@Nullable String challengeId() {
			if (this.challenge instanceof MfaChallenge.Login login) {
				return login.challengeId();
			}
			if (this.challenge instanceof MfaChallenge.Setup setup) {
				return setup.setupChallengeId();
			}
			return null;
		}

	}

}
