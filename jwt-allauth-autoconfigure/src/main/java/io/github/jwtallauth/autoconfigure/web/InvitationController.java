package io.github.jwtallauth.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.Registration;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.flows.InvitationService;
import io.github.jwtallauth.autoconfigure.flows.PasswordCapability;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;

/**
 * Invitations ({@code jwtallauth.registration.invitations} or {@code admin-managed}): an
 * allowed role invites someone, who follows the mailed link to the set-password form.
 *
 * @author jwt-allauth contributors
 */
@RestController
@RequestMapping("${jwtallauth.base-path:/jwt-allauth}")
final class InvitationController {

	static final String SET = "Password set.";

	private final InvitationService invitations;

	private final AccountService accounts;

	private final NewPasswordEndpoint newPasswords;

	private final CapabilityCookies capabilities;

	private final PublicLinks links;

	private final Pages pages;

	private final boolean open;

	private final List<Integer> allowedRoles;

	/**
	 * Create the controller.
	 * @param invitations the invitation flow
	 * @param accounts the user store
	 * @param newPasswords sets the invitee's password
	 * @param capabilities verifies the capability behind the set-password form
	 * @param links builds the links of mails and pages
	 * @param pages writes the HTML pages
	 * @param registration whether invitations are open, and the roles that may invite
	 */
	InvitationController(InvitationService invitations, AccountService accounts, NewPasswordEndpoint newPasswords,
			CapabilityCookies capabilities, PublicLinks links, Pages pages, Registration registration) {
		this.invitations = invitations;
		this.accounts = accounts;
		this.newPasswords = newPasswords;
		this.capabilities = capabilities;
		this.links = links;
		this.pages = pages;
		this.open = registration.isInvitationOpen();
		this.allowedRoles = registration.allowedRoles();
	}

	@PostMapping({ "/registration/user-register", "/registration/user-register/" })
	@ResponseStatus(HttpStatus.CREATED)
	public Map<String, Object> invite(@AuthenticationPrincipal @Nullable JwtAllAuthPrincipal principal,
			@RequestBody InvitationRequest body, HttpServletRequest request) {
		requireOpen();
		// the inviter's role as stored now, not as the token says: a demoted inviter
		// stops at once
		int inviterRole = this.accounts.findById(Principals.require(principal).subject())
			.filter(UserAccount::isActive)
			.map(UserAccount::getRole)
			.orElseThrow(JwtAllAuthException::permissionDenied);
		if (!this.allowedRoles.contains(inviterRole)) {
			throw JwtAllAuthException.permissionDenied();
		}
		FieldErrors errors = new FieldErrors();
		String email = errors.email("email", body.email());
		if (body.role() == null) {
			errors.add("role", FieldErrors.REQUIRED);
		}
		errors.maxLength("first_name", body.firstName(), UserController.MAX_NAME);
		errors.maxLength("last_name", body.lastName(), UserController.MAX_NAME);
		errors.printable("first_name", body.firstName());
		errors.printable("last_name", body.lastName());
		errors.throwIfAny();
		// an inviter grants at most its own role: inviting is not a way up
		if (body.role() > inviterRole) {
			throw JwtAllAuthException.permissionDenied();
		}
		String firstName = (body.firstName() != null) ? body.firstName().strip() : "";
		String lastName = (body.lastName() != null) ? body.lastName().strip() : "";
		this.invitations.invite(new NewAccount(email, null, firstName, lastName, body.role(), true, false), inviterRole,
				this.links.base(), LocaleContextHolder.getLocale());
		return Map.of();
	}

	@PostMapping(path = { "/registration/set-password", "/registration/set-password/" },
			consumes = MediaType.APPLICATION_JSON_VALUE)
	public Map<String, Object> setPassword(@RequestBody NewPasswordEndpoint.NewPasswordRequest body,
			HttpServletRequest request, HttpServletResponse response) {
		requireOpen();
		return this.newPasswords.set(PasswordCapability.SET, body, null, SET, request, response);
	}

	@PostMapping(path = { "/registration/set-password", "/registration/set-password/" },
			consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	public Map<String, Object> setPasswordForm(
			@RequestParam(name = "new_password1", required = false) @Nullable String password1,
			@RequestParam(name = "new_password2", required = false) @Nullable String password2,
			@RequestParam(name = CapabilityCookies.CSRF_FIELD, required = false) @Nullable String csrf,
			HttpServletRequest request, HttpServletResponse response) {
		requireOpen();
		return this.newPasswords.set(PasswordCapability.SET,
				new NewPasswordEndpoint.NewPasswordRequest(password1, password2), csrf, SET, request, response);
	}

	@GetMapping({ "/registration/set-password/default", "/registration/set-password/default/" })
	public void form(HttpServletRequest request, HttpServletResponse response) {
		Map<String, Object> variables = new LinkedHashMap<>();
		String account = this.open ? this.capabilities.maskedAccount(PasswordCapability.SET, request, this.accounts)
				: null;
		variables.put("validLink", account != null);
		variables.put("account", account);
		variables.put("csrf", this.capabilities.csrfToken(request));
		variables.put("action", this.links.local(request, "/registration/set-password"));
		variables.put("done", "");
		this.pages.write(request, response, HttpStatus.OK, Pages.PASSWORD_SET, variables);
	}

	private void requireOpen() {
		if (!this.open) {
			throw JwtAllAuthException.notFound();
		}
	}

	/**
	 * Body of {@code POST /registration/user-register}.
	 *
	 * @param email the invitee's e-mail address
	 * @param role the invitee's role, at most the inviter's
	 * @param firstName the first name, optional
	 * @param lastName the last name, optional
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record InvitationRequest(@Nullable String email, @Nullable Integer role,
			@JsonProperty("first_name") @Nullable String firstName,
			@JsonProperty("last_name") @Nullable String lastName) {
	}

}
