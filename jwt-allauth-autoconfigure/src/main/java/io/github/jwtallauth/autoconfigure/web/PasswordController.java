package io.github.jwtallauth.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.PasswordChangedEvent;
import io.github.jwtallauth.autoconfigure.account.PasswordPolicy;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.flows.CredentialChanges;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.ratelimit.PasswordRecheckThrottle;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;
import io.github.jwtallauth.autoconfigure.session.ClientIpResolver;
import io.github.jwtallauth.autoconfigure.session.DeviceInfoResolver;
import io.github.jwtallauth.autoconfigure.session.SessionService;

/**
 * Password change for a logged-in user. The new password is validated before anything
 * changes; pending reset links then die and, by default, every session of the user ends
 * and the caller receives a new one.
 *
 * @author jwt-allauth contributors
 */
@RestController
@RequestMapping("${jwtallauth.base-path:/jwt-allauth}")
final class PasswordController {

	static final String SAVED = "New password has been saved.";

	private final AccountService accounts;

	private final PasswordAuthenticator passwords;

	private final PasswordPolicy passwordPolicy;

	private final SessionService sessions;

	private final DeviceInfoResolver devices;

	private final SessionResponses responses;

	private final CredentialChanges credentials;

	private final ApplicationEventPublisher events;

	private final boolean oldPasswordRequired;

	private final @Nullable PasswordRecheckThrottle recheck;

	private final @Nullable ClientIpResolver clientIps;

	/**
	 * Create the controller.
	 * @param accounts the user store
	 * @param passwords checks and hashes passwords
	 * @param passwordPolicy the rules of new passwords
	 * @param credentials changes the password and ends what it must
	 * @param sessions opens the caller's new session
	 * @param devices describes the client the new session is opened for
	 * @param responses writes session answers
	 * @param events publishes {@link PasswordChangedEvent}
	 * @param oldPasswordRequired whether the current password must be sent along
	 * @param recheck limits wrong old passwords like failed logins, or {@code null} for
	 * no limit
	 * @param clientIps finds the client IP that wrong old passwords are counted against
	 */
	PasswordController(AccountService accounts, PasswordAuthenticator passwords, PasswordPolicy passwordPolicy,
			CredentialChanges credentials, SessionService sessions, DeviceInfoResolver devices,
			SessionResponses responses, ApplicationEventPublisher events, boolean oldPasswordRequired,
			@Nullable PasswordRecheckThrottle recheck, @Nullable ClientIpResolver clientIps) {
		this.recheck = recheck;
		this.clientIps = clientIps;
		this.accounts = accounts;
		this.passwords = passwords;
		this.passwordPolicy = passwordPolicy;
		this.sessions = sessions;
		this.devices = devices;
		this.responses = responses;
		this.events = events;
		this.credentials = credentials;
		this.oldPasswordRequired = oldPasswordRequired;
	}

	@PostMapping({ "/password/change", "/password/change/" })
	public Map<String, Object> change(@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal,
			@RequestBody PasswordChangeRequest body, HttpServletRequest request, HttpServletResponse response) {
		String id = Principals.require(principal).subject();
		UserAccount user = this.accounts.findById(id)
			.filter(UserAccount::isActive)
			.orElseThrow(JwtAllAuthException::tokenNotValid);
		FieldErrors errors = new FieldErrors();
		if (this.oldPasswordRequired) {
			if (errors.requireVerbatim("old_password", body.oldPassword())
					&& !isCurrentPassword(user, body.oldPassword(), request)) {
				errors.add("old_password", "Your old password was entered incorrectly. Please enter it again.");
			}
		}
		NewPasswords.validate(errors, NewPasswords.CHANGE, body.newPassword1(), body.newPassword2(),
				new PasswordPolicy.PasswordContext(user.getEmail(), user.getFirstName(), user.getLastName()),
				this.passwords, this.passwordPolicy);
		errors.throwIfAny();
		if (!this.credentials.change(id, this.passwords.encode(body.newPassword1()))) {
			throw JwtAllAuthException.tokenNotValid();
		}
		this.events.publishEvent(new PasswordChangedEvent(id));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("detail", SAVED);
		if (this.credentials.isLogoutOnPasswordChange()) {
			// every session ended with the change; the caller gets a new one
			answer.putAll(this.responses.deliver(this.sessions.open(user, this.devices.resolve(request)), response));
		}
		return answer;
	}

	// Refused with 429 while the limits are spent, before the password is looked at.
	private boolean isCurrentPassword(UserAccount user, String password, HttpServletRequest request) {
		if (this.recheck == null) {
			return this.passwords.isCurrentPassword(user, password);
		}
		String ip = (this.clientIps != null) ? this.clientIps.resolve(request) : null;
		return this.recheck.check(user.getId(), ip, () -> this.passwords.isCurrentPassword(user, password));
	}

	/**
	 * Body of {@code POST /password/change}.
	 *
	 * @param oldPassword the current password
	 * @param newPassword1 the new password
	 * @param newPassword2 the new password again
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record PasswordChangeRequest(@JsonProperty("old_password") @Nullable String oldPassword,
			@JsonProperty("new_password1") @Nullable String newPassword1,
			@JsonProperty("new_password2") @Nullable String newPassword2) {

		@Override
		public String toString() {
			return "PasswordChangeRequest[******]";
		}

	}

}
