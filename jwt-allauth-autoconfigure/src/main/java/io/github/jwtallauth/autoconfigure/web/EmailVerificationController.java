package io.github.jwtallauth.autoconfigure.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.Redirects;
import io.github.jwtallauth.autoconfigure.flows.EmailVerificationService;
import io.github.jwtallauth.autoconfigure.flows.EmailVerificationService.LinkOutcome;
import io.github.jwtallauth.autoconfigure.flows.PasswordCapability;
import io.github.jwtallauth.autoconfigure.ratelimit.MailRequestThrottle;
import io.github.jwtallauth.autoconfigure.session.ClientIpResolver;

/**
 * The links in verification and invitation mails, the verified page, and
 * {@code POST /registration/resend-verification}.
 *
 * @author jwt-allauth contributors
 */
@RestController
@RequestMapping("${jwtallauth.base-path:/jwt-allauth}")
final class EmailVerificationController {

	static final String SENT = "Verification e-mail sent.";

	private final EmailVerificationService verifications;

	private final CapabilityCookies capabilities;

	private final PublicLinks links;

	private final Pages pages;

	private final @Nullable MailRequestThrottle throttle;

	private final @Nullable ClientIpResolver clientIps;

	private final Redirects redirects;

	private final String failurePage;

	/**
	 * Create the controller.
	 * @param verifications the e-mail verification flow
	 * @param capabilities issues the capability an invitation link hands out
	 * @param links builds the links of mails and redirects
	 * @param pages writes the HTML pages
	 * @param redirects where followed links lead
	 * @param failurePage the template of the page shown for an invalid or expired link
	 * @param throttle the per-IP limit of mail requests, or {@code null} for none
	 * @param clientIps finds the client IP the limit counts by, or {@code null} for no
	 * limit
	 */
	EmailVerificationController(EmailVerificationService verifications, CapabilityCookies capabilities,
			PublicLinks links, Pages pages, Redirects redirects, String failurePage,
			@Nullable MailRequestThrottle throttle, @Nullable ClientIpResolver clientIps) {
		this.verifications = verifications;
		this.capabilities = capabilities;
		this.links = links;
		this.pages = pages;
		this.throttle = throttle;
		this.clientIps = clientIps;
		this.redirects = redirects;
		this.failurePage = failurePage;
	}

	@GetMapping({ "/registration/verification/{key}", "/registration/verification/{key}/" })
	public void follow(@PathVariable String key, HttpServletRequest request, HttpServletResponse response) {
		LinkOutcome outcome = this.verifications.follow(key);
		String target;
		switch (outcome.kind()) {
			case VERIFIED -> target = (this.redirects.emailVerified() != null) ? this.redirects.emailVerified()
					: this.links.local(request, "/registration/verified");
			case INVITATION -> {
				this.capabilities.handOut(PasswordCapability.SET, outcome.userId(), response);
				target = (this.redirects.passwordSet() != null) ? this.redirects.passwordSet()
						: this.links.local(request, "/registration/set-password/default");
			}
			default -> {
				this.pages.write(request, response, HttpStatus.BAD_REQUEST, this.failurePage, Map.of());
				return;
			}
		}
		response.setStatus(HttpStatus.FOUND.value());
		response.setHeader(HttpHeaders.LOCATION, target);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
	}

	@GetMapping({ "/registration/verified", "/registration/verified/" })
	public void verified(HttpServletRequest request, HttpServletResponse response) {
		this.pages.write(request, response, HttpStatus.OK, Pages.VERIFIED, Map.of());
	}

	@PostMapping({ "/registration/resend-verification", "/registration/resend-verification/" })
	public Map<String, Object> resend(@RequestBody PasswordResetController.EmailRequest body,
			HttpServletRequest request) {
		FieldErrors errors = new FieldErrors();
		String email = errors.email("email", body.email());
		errors.throwIfAny();
		if (this.throttle != null && this.clientIps != null) {
			this.throttle.take(this.clientIps.resolve(request));
		}
		this.verifications.resend(email, this.links.base(), LocaleContextHolder.getLocale());
		return Map.of("detail", SENT);
	}

}
