package io.github.jwtallauth.autoconfigure.web;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.EmailAddresses;
import io.github.jwtallauth.autoconfigure.account.EmailAlreadyRegisteredException;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.PasswordPolicy;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.session.SessionService;

/**
 * Self-service sign-up. Without e-mail verification the new user is logged in at once.
 *
 * @author jwt-allauth contributors
 */
@RestController
@RequestMapping("${jwtallauth.base-path:/jwt-allauth}")
public class RegistrationController {

	static final String EMAIL_TAKEN = "A user is already registered with this e-mail address.";

	private final AccountService accounts;

	private final PasswordAuthenticator passwords;

	private final PasswordPolicy passwordPolicy;

	private final SessionService sessions;

	private final SessionResponses responses;

	private final boolean enabled;

	public RegistrationController(AccountService accounts, PasswordAuthenticator passwords,
			PasswordPolicy passwordPolicy, SessionService sessions, SessionResponses responses,
			JwtAllAuthProperties properties) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.passwordPolicy = passwordPolicy;
		this.sessions = sessions;
		this.responses = responses;
		this.enabled = properties.registration().enabled();
	}

	@PostMapping({ "/registration", "/registration/" })
	@ResponseStatus(HttpStatus.CREATED)
	public Map<String, Object> register(@RequestBody RegistrationRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		if (!this.enabled) {
			throw new JwtAllAuthException(HttpStatus.NOT_FOUND, "registration_closed",
					"jwtallauth.problem.registration_closed", "Registration is closed.");
		}
		FieldErrors errors = new FieldErrors();
		String email = null;
		if (errors.require("email", body.email())) {
			email = EmailAddresses.normalize(body.email());
			if (!EmailAddresses.isValid(email)) {
				errors.add("email", "Enter a valid email address.");
			}
		}
		errors.maxLength("first_name", body.firstName(), UserController.MAX_NAME);
		errors.maxLength("last_name", body.lastName(), UserController.MAX_NAME);
		errors.printable("first_name", body.firstName());
		errors.printable("last_name", body.lastName());
		String firstName = (body.firstName() != null) ? body.firstName().strip() : "";
		String lastName = (body.lastName() != null) ? body.lastName().strip() : "";
		NewPasswords.validate(errors, NewPasswords.REGISTRATION, body.password1(), body.password2(),
				new PasswordPolicy.PasswordContext((email != null) ? email : "", firstName, lastName), this.passwords,
				this.passwordPolicy);
		if (email != null && !errors.has("email") && this.accounts.findByEmail(email).isPresent()) {
			errors.add("email", EMAIL_TAKEN);
		}
		errors.throwIfAny();
		UserAccount user;
		try {
			user = this.accounts.create(
					new NewAccount(email, this.passwords.encode(body.password1()), firstName, lastName, 0, true, false));
		}
		catch (EmailAlreadyRegisteredException ex) {
			throw JwtAllAuthException.invalid(Map.of("email", java.util.List.of(EMAIL_TAKEN)));
		}
		return this.responses.deliver(this.sessions.open(user, request), response);
	}

	/**
	 * Body of {@code POST /registration}.
	 *
	 * @param email the e-mail address
	 * @param password1 the password
	 * @param password2 the password again
	 * @param firstName the first name
	 * @param lastName the last name
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record RegistrationRequest(@Nullable String email, @Nullable String password1, @Nullable String password2,
			@JsonProperty("first_name") @Nullable String firstName,
			@JsonProperty("last_name") @Nullable String lastName) {

		@Override
		public String toString() {
			return "RegistrationRequest[email=" + this.email + "]";
		}

	}

}
