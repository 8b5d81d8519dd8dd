package io.github.jwtallauth.autoconfigure.web;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.EmailVerification;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.Registration;
import io.github.jwtallauth.autoconfigure.account.AccountRegisteredEvent;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.EmailAlreadyRegisteredException;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.PasswordPolicy;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.flows.EmailVerificationService;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.ratelimit.MailRequestThrottle;
import io.github.jwtallauth.autoconfigure.session.ClientIpResolver;

/**
 * Self-service sign-up in the three {@code jwtallauth.email-verification} modes:
 * {@code none} and {@code optional} log the new user in at once ({@code optional} also
 * mails a verification link); {@code mandatory} mails the link and answers the same
 * whether or not the address was free, the owner of a taken address receiving an "account
 * already exists" notice instead.
 *
 * @author jwt-allauth contributors
 */
@RestController
@RequestMapping("${jwtallauth.base-path:/jwt-allauth}")
final class RegistrationController {

	private final AccountService accounts;

	private final PasswordAuthenticator passwords;

	private final PasswordPolicy passwordPolicy;

	private final MfaGate gate;

	private final @Nullable EmailVerificationService verifications;

	private final PublicLinks links;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	private final boolean open;

	private final EmailVerification mode;

	private final @Nullable MailRequestThrottle throttle;

	private final @Nullable ClientIpResolver clientIps;

	/**
	 * Create the controller.
	 * @param accounts the user store
	 * @param passwords checks and hashes passwords
	 * @param passwordPolicy the rules of new passwords
	 * @param gate opens the new user's session, or answers the MFA challenge
	 * @param verifications the e-mail verification flow, or {@code null} when no mail can
	 * be sent
	 * @param links builds the links of mails
	 * @param transaction the transaction an account is created in
	 * @param events publishes {@link AccountRegisteredEvent}
	 * @param registration whether self-registration is open
	 * @param mode how sign-up proves the e-mail address
	 * @param throttle the per-IP limit of mail requests, or {@code null} for none
	 * @param clientIps finds the client IP the limit counts by, or {@code null} for no
	 * limit
	 */
	RegistrationController(AccountService accounts, PasswordAuthenticator passwords, PasswordPolicy passwordPolicy,
			MfaGate gate, @Nullable EmailVerificationService verifications, PublicLinks links,
			TransactionTemplate transaction, ApplicationEventPublisher events, Registration registration,
			EmailVerification mode, @Nullable MailRequestThrottle throttle, @Nullable ClientIpResolver clientIps) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.passwordPolicy = passwordPolicy;
		this.gate = gate;
		this.verifications = verifications;
		this.links = links;
		this.transaction = transaction;
		this.events = events;
		this.open = registration.isSelfRegistrationOpen();
		this.mode = mode;
		this.throttle = throttle;
		this.clientIps = clientIps;
		if (this.mode != EmailVerification.NONE && verifications == null) {
			throw new IllegalStateException("jwtallauth.email-verification=" + this.mode.name().toLowerCase(Locale.ROOT)
					+ " sends mail: it needs a MailOutbox and a OneTimeTokenStore bean (both come with JPA)");
		}
	}

	@PostMapping({ "/registration", "/registration/" })
	@ResponseStatus(HttpStatus.CREATED)
	public Map<String, Object> register(@RequestBody RegistrationRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		if (!this.open) {
			throw new JwtAllAuthException(ErrorCode.REGISTRATION_CLOSED);
		}
		FieldErrors errors = new FieldErrors();
		String email = errors.email("email", body.email());
		errors.maxLength("first_name", body.firstName(), UserController.MAX_NAME);
		errors.maxLength("last_name", body.lastName(), UserController.MAX_NAME);
		errors.printable("first_name", body.firstName());
		errors.printable("last_name", body.lastName());
		String firstName = (body.firstName() != null) ? body.firstName().strip() : "";
		String lastName = (body.lastName() != null) ? body.lastName().strip() : "";
		NewPasswords.validate(errors, NewPasswords.REGISTRATION, body.password1(), body.password2(),
				new PasswordPolicy.PasswordContext((email != null) ? email : "", firstName, lastName), this.passwords,
				this.passwordPolicy);
		errors.throwIfAny();
		if (this.throttle != null && this.clientIps != null) {
			this.throttle.take(this.clientIps.resolve(request));
		}
		Locale locale = LocaleContextHolder.getLocale();
		// hashed in the request whatever happens next: every sign-up costs the same time
		String encoded = this.passwords.encode(body.password1());
		NewAccount account = new NewAccount(email, encoded, firstName, lastName, 0, true,
				this.mode == EmailVerification.NONE);
		if (this.mode == EmailVerification.MANDATORY) {
			// mandatory verification hides whether the address was taken: both outcomes
			// answer alike
			verifications().registerHidden(account, this.links.base(), locale);
			return Map.of("detail", EmailVerificationController.SENT);
		}
		// taken before the transaction: the jdbc rate-limit backend writes on a
		// connection of its own
		boolean mail = this.mode == EmailVerification.OPTIONAL && verifications().takeMailAllowance(email);
		UserAccount user;
		try {
			user = this.transaction.execute((status) -> {
				if (this.accounts.findByEmail(email).isPresent()) {
					throw emailTaken();
				}
				UserAccount created = this.accounts.create(account);
				if (mail) {
					verifications().queueVerification(created, this.links.base(), locale);
				}
				return created;
			});
		}
		catch (EmailAlreadyRegisteredException ex) {
			// a concurrent sign-up won the address
			throw emailTaken();
		}
		Assert.state(user != null, "No account created");
		this.events.publishEvent(new AccountRegisteredEvent(user.getId()));
		return this.gate.open(user, request, response).answer();
	}

	private EmailVerificationService verifications() {
		Assert.state(this.verifications != null, "No EmailVerificationService");
		return this.verifications;
	}

	private static JwtAllAuthException emailTaken() {
		return JwtAllAuthException.emailTaken();
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
	record RegistrationRequest(@Nullable String email, @Nullable String password1, @Nullable String password2,
			@JsonProperty("first_name") @Nullable String firstName,
			@JsonProperty("last_name") @Nullable String lastName) {

		@Override
		public String toString() {
			return "RegistrationRequest[email=" + this.email + "]";
		}

	}

}
