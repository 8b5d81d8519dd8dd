package io.github.jwtallauth.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokens;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.PasswordPolicy;
import io.github.jwtallauth.autoconfigure.account.PasswordResetEvent;
import io.github.jwtallauth.autoconfigure.account.PasswordSetEvent;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.flows.CredentialChanges;
import io.github.jwtallauth.autoconfigure.flows.PasswordCapability;
import io.github.jwtallauth.autoconfigure.token.CapabilityClaims;

/**
 * The two capability-protected endpoints that set a password
 * ({@code /password/reset/set-new} and {@code /registration/set-password}), in the order
 * that keeps a mistake cheap: the capability (401), then the CSRF token (403), then the
 * new password (400), and only then is the capability spent, in the same transaction as
 * the password change.
 *
 * @author jwt-allauth contributors
 */
final class NewPasswordEndpoint {

	private final AccountService accounts;

	private final PasswordAuthenticator passwords;

	private final PasswordPolicy passwordPolicy;

	private final CapabilityCookies capabilities;

	private final CredentialChanges credentials;

	private final MfaGate gate;

	private final ApplicationEventPublisher events;

	/**
	 * Create the endpoint.
	 * @param accounts the user store
	 * @param passwords encodes the new password
	 * @param passwordPolicy judges the new password
	 * @param capabilities verifies the capability of the request
	 * @param credentials changes the password and spends the capability together
	 * @param gate opens the session, or answers the MFA challenge
	 * @param events publishes the password events
	 */
	NewPasswordEndpoint(AccountService accounts, PasswordAuthenticator passwords, PasswordPolicy passwordPolicy,
			CapabilityCookies capabilities, CredentialChanges credentials, MfaGate gate,
			ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.passwordPolicy = passwordPolicy;
		this.capabilities = capabilities;
		this.credentials = credentials;
		this.gate = gate;
		this.events = events;
	}

	Map<String, Object> set(PasswordCapability kind, NewPasswordRequest body, @Nullable String formCsrf, String detail,
			HttpServletRequest request, HttpServletResponse response) {
		CapabilityClaims claims = this.capabilities.require(kind, request);
		this.capabilities.checkCsrf(claims, request, formCsrf);
		UserAccount user = this.accounts.findById(claims.subject())
			.filter(UserAccount::isActive)
			.orElseThrow(CapabilityCookies::spent);
		FieldErrors errors = new FieldErrors();
		NewPasswords.validate(errors, NewPasswords.CHANGE, body.newPassword1(), body.newPassword2(),
				new PasswordPolicy.PasswordContext(user.getEmail(), user.getFirstName(), user.getLastName()),
				this.passwords, this.passwordPolicy);
		errors.throwIfAny();
		this.gate.precheck(user);
		UserAccount updated = this.credentials
			.setWithCapability(kind.purpose(), OneTimeTokens.hash(claims.tokenId()), user.getId(),
					this.passwords.encode(body.newPassword1()))
			.orElseThrow(CapabilityCookies::spent);
		this.events.publishEvent((kind == PasswordCapability.RESET) ? new PasswordResetEvent(updated.getId())
				: new PasswordSetEvent(updated.getId()));
		this.capabilities.clear(kind, response);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("detail", detail);
		// a mailbox alone never opens an account protected by a second factor
		answer.putAll(this.gate.open(updated, request, response).answer());
		return answer;
	}

	/**
	 * Body of the endpoints that set a password with a capability.
	 *
	 * @param newPassword1 the new password
	 * @param newPassword2 the new password again
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record NewPasswordRequest(@JsonProperty("new_password1") @Nullable String newPassword1,
			@JsonProperty("new_password2") @Nullable String newPassword2) {

		@Override
		public String toString() {
			return "NewPasswordRequest[******]";
		}

	}

}
