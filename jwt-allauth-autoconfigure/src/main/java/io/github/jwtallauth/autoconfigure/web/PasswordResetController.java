package io.github.jwtallauth.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.Redirects;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.flows.PasswordCapability;
import io.github.jwtallauth.autoconfigure.flows.PasswordResetService;
import io.github.jwtallauth.autoconfigure.ratelimit.MailRequestThrottle;
import io.github.jwtallauth.autoconfigure.session.ClientIpResolver;

/**
 * Password reset: the request that mails a link, the link that hands out the capability,
 * the capability-protected {@code set-new} endpoint, and the built-in form and done page.
 *
 * @author jwt-allauth contributors
 */
@RestController
@RequestMapping("${jwtallauth.base-path:/jwt-allauth}")
final class PasswordResetController {

	static final String SENT = "Password reset e-mail has been sent.";

	static final String RESET = "Password reset.";

	private final PasswordResetService resets;

	private final AccountService accounts;

	private final NewPasswordEndpoint newPasswords;

	private final CapabilityCookies capabilities;

	private final PublicLinks links;

	private final Pages pages;

	private final @Nullable MailRequestThrottle throttle;

	private final @Nullable ClientIpResolver clientIps;

	private final Redirects redirects;

	/**
	 * Create the controller.
	 * @param resets the password-reset flow
	 * @param accounts the user store
	 * @param newPasswords sets the new password
	 * @param capabilities issues and verifies the capability behind the reset form
	 * @param links builds the links of mails and redirects
	 * @param pages writes the HTML pages
	 * @param redirects where a followed reset link leads
	 * @param throttle the per-IP limit of mail requests, or {@code null} for none
	 * @param clientIps finds the client IP the limit counts by, or {@code null} for no
	 * limit
	 */
	PasswordResetController(PasswordResetService resets, AccountService accounts, NewPasswordEndpoint newPasswords,
			CapabilityCookies capabilities, PublicLinks links, Pages pages, Redirects redirects,
			@Nullable MailRequestThrottle throttle, @Nullable ClientIpResolver clientIps) {
		this.resets = resets;
		this.accounts = accounts;
		this.newPasswords = newPasswords;
		this.capabilities = capabilities;
		this.links = links;
		this.pages = pages;
		this.throttle = throttle;
		this.clientIps = clientIps;
		this.redirects = redirects;
	}

	@PostMapping({ "/password/reset", "/password/reset/" })
	public Map<String, Object> request(@RequestBody EmailRequest body, HttpServletRequest request) {
		FieldErrors errors = new FieldErrors();
		String email = errors.email("email", body.email());
		errors.throwIfAny();
		if (this.throttle != null && this.clientIps != null) {
			this.throttle.take(this.clientIps.resolve(request));
		}
		this.resets.request(email, this.links.base(), LocaleContextHolder.getLocale());
		return Map.of("detail", SENT);
	}

	@GetMapping({ "/password/reset/confirm/{uid}/{token}", "/password/reset/confirm/{uid}/{token}/" })
	public void confirm(@PathVariable String uid, @PathVariable String token, HttpServletRequest request,
			HttpServletResponse response) {
		UserAccount user = this.resets.checkLink(uid, token).orElse(null);
		if (user == null) {
			this.pages.write(request, response, HttpStatus.OK, Pages.PASSWORD_RESET, formVariables(request, false));
			return;
		}
		this.capabilities.handOut(PasswordCapability.RESET, user.getId(), response);
		String target = (this.redirects.passwordReset() != null) ? this.redirects.passwordReset()
				: this.links.local(request, "/password/reset/default");
		response.setStatus(HttpStatus.FOUND.value());
		response.setHeader(HttpHeaders.LOCATION, target);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
	}

	@PostMapping(path = { "/password/reset/set-new", "/password/reset/set-new/" },
			consumes = MediaType.APPLICATION_JSON_VALUE)
	public Map<String, Object> setNew(@RequestBody NewPasswordEndpoint.NewPasswordRequest body,
			HttpServletRequest request, HttpServletResponse response) {
		return this.newPasswords.set(PasswordCapability.RESET, body, null, RESET, request, response);
	}

	@PostMapping(path = { "/password/reset/set-new", "/password/reset/set-new/" },
			consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	public Map<String, Object> setNewForm(
			@RequestParam(name = "new_password1", required = false) @Nullable String password1,
			@RequestParam(name = "new_password2", required = false) @Nullable String password2,
			@RequestParam(name = CapabilityCookies.CSRF_FIELD, required = false) @Nullable String csrf,
			HttpServletRequest request, HttpServletResponse response) {
		return this.newPasswords.set(PasswordCapability.RESET,
				new NewPasswordEndpoint.NewPasswordRequest(password1, password2), csrf, RESET, request, response);
	}

	@GetMapping({ "/password/reset/default", "/password/reset/default/" })
	public void form(HttpServletRequest request, HttpServletResponse response) {
		String account = this.capabilities.maskedAccount(PasswordCapability.RESET, request, this.accounts);
		Map<String, Object> variables = formVariables(request, account != null);
		variables.put("account", account);
		this.pages.write(request, response, HttpStatus.OK, Pages.PASSWORD_RESET, variables);
	}

	@GetMapping({ "/password/reset/complete", "/password/reset/complete/" })
	public void complete(HttpServletRequest request, HttpServletResponse response) {
		this.pages.write(request, response, HttpStatus.OK, Pages.PASSWORD_RESET_COMPLETE, Map.of());
	}

	private Map<String, Object> formVariables(HttpServletRequest request, boolean valid) {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("validLink", valid);
		variables.put("account", null);
		variables.put("csrf", this.capabilities.csrfToken(request));
		variables.put("action", this.links.local(request, "/password/reset/set-new"));
		variables.put("done", this.links.local(request, "/password/reset/complete"));
		return variables;
	}

	/**
	 * Body of {@code POST /password/reset} and
	 * {@code POST /registration/resend-verification}.
	 *
	 * @param email the e-mail address
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record EmailRequest(@Nullable String email) {
	}

}
