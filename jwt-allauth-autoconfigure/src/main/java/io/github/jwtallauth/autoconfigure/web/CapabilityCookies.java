package io.github.jwtallauth.autoconfigure.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.util.WebUtils;

import io.github.jwtallauth.autoconfigure.EmailAddresses;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.CapabilityCookie;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.Password;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokens;
import io.github.jwtallauth.autoconfigure.flows.PasswordCapability;
import io.github.jwtallauth.autoconfigure.flows.PasswordCapabilityService;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.token.CapabilityClaims;

/**
 * The cookies that carry a password capability, and the CSRF token that travels with
 * them. Following a link sets an HttpOnly capability cookie (issued by the
 * {@link PasswordCapabilityService}) and an {@code XSRF-TOKEN} cookie readable by the
 * form. Setting the password then needs both: the capability, and the CSRF token sent
 * back as the {@code X-CSRF-TOKEN} header or the {@code _csrf} form field, whose hash is
 * bound inside the capability.
 *
 * @author jwt-allauth contributors
 */
final class CapabilityCookies {

	/** Cookie holding the CSRF token. */
	static final String CSRF_COOKIE = "XSRF-TOKEN";

	/** Header a script sends the CSRF token in. */
	static final String CSRF_HEADER = "X-CSRF-TOKEN";

	/** Form field the built-in forms send the CSRF token in. */
	static final String CSRF_FIELD = "_csrf";

	/** The challenge of a 401 on the capability endpoints. */
	static final String COOKIE_CHALLENGE = "Cookie";

	private static final String PATH = "/";

	private final PasswordCapabilityService capabilities;

	private final Password password;

	/**
	 * Create the cookies.
	 * @param capabilities issues and verifies the capabilities
	 * @param password the password settings, with the two capability cookies
	 */
	CapabilityCookies(PasswordCapabilityService capabilities, Password password) {
		this.capabilities = capabilities;
		this.password = password;
	}

	/**
	 * Issue a capability for a user and set its two cookies; the previous capability of
	 * that kind dies.
	 * @param kind the capability
	 * @param userId the user
	 * @param response the response that carries the cookies
	 */
	void handOut(PasswordCapability kind, String userId, HttpServletResponse response) {
		CapabilityCookie settings = settings(kind);
		PasswordCapabilityService.IssuedCapability issued = this.capabilities.issue(kind, userId);
		response.addHeader(HttpHeaders.SET_COOKIE,
				cookie(cookieName(kind), issued.token(), settings, settings.httpOnly(), issued.lifetime()).toString());
		// readable by the page's script: it is the value the form sends back
		response.addHeader(HttpHeaders.SET_COOKIE,
				cookie(CSRF_COOKIE, issued.csrfToken(), settings, false, issued.lifetime()).toString());
	}

	/**
	 * Clear the capability cookie once the capability is spent. The CSRF cookie stays:
	 * alone it allows nothing, and an application using Spring Security's cookie CSRF
	 * repository may share its name.
	 * @param kind the capability
	 * @param response the response
	 */
	void clear(PasswordCapability kind, HttpServletResponse response) {
		CapabilityCookie settings = settings(kind);
		response.addHeader(HttpHeaders.SET_COOKIE,
				cookie(cookieName(kind), "", settings, settings.httpOnly(), Duration.ZERO).toString());
	}

	/**
	 * Read and verify the capability cookie of a request (signature, type and expiry;
	 * whether it is still unspent is decided when it is spent).
	 * @param kind the capability
	 * @param request the request
	 * @return the capability's claims, or {@code null} when the cookie is missing or not
	 * valid
	 */
	@Nullable CapabilityClaims read(PasswordCapability kind, HttpServletRequest request) {
		String value = cookie(request, cookieName(kind));
		return (value != null) ? this.capabilities.verify(kind, value) : null;
	}

	/**
	 * Like {@link #read}, but a missing or invalid capability is a 401.
	 * @param kind the capability
	 * @param request the request
	 * @return the capability's claims
	 */
	CapabilityClaims require(PasswordCapability kind, HttpServletRequest request) {
		CapabilityClaims claims = read(kind, request);
		if (claims == null) {
			throw JwtAllAuthException.notAuthenticated().withChallenge(COOKIE_CHALLENGE);
		}
		return claims;
	}

	/**
	 * The 401 answered when a capability was valid but is spent, superseded or its user
	 * gone.
	 * @return the exception
	 */
	static JwtAllAuthException spent() {
		return JwtAllAuthException.tokenNotValid().withChallenge(COOKIE_CHALLENGE);
	}

	/**
	 * Check the CSRF token of a request against its capability.
	 * @param claims the verified capability
	 * @param request the request
	 * @param formValue the {@code _csrf} form field, if the request is a form
	 * @throws JwtAllAuthException 403 {@code csrf_failed}
	 */
	void checkCsrf(CapabilityClaims claims, HttpServletRequest request, @Nullable String formValue) {
		String sent = request.getHeader(CSRF_HEADER);
		if (sent == null || sent.isEmpty()) {
			sent = formValue;
		}
		// Bound into the capability, the token needs no comparison with its cookie: a
		// page on another site cannot read it, and a cookie planted by a sibling host
		// cannot match the hash. The application's own XSRF-TOKEN cookie (Spring
		// Security's cookie repository) may replace ours without breaking a form already
		// open.
		if (sent == null || sent.isEmpty() || !constantTimeEquals(OneTimeTokens.hash(sent), claims.csrfHash())) {
			throw new JwtAllAuthException(ErrorCode.CSRF_FAILED);
		}
	}

	/**
	 * Return the masked address of the account a request's capability belongs to, so that
	 * the form says whose password it sets (someone who planted their own link gets
	 * noticed).
	 * @param kind the capability
	 * @param request the request
	 * @param accounts the user store
	 * @return the masked address, or {@code null} without a valid capability
	 */
	@Nullable String maskedAccount(PasswordCapability kind, HttpServletRequest request, AccountService accounts) {
		CapabilityClaims claims = read(kind, request);
		if (claims == null) {
			return null;
		}
		return accounts.findById(claims.subject()).map((user) -> EmailAddresses.mask(user.getEmail())).orElse(null);
	}

	/**
	 * Return the CSRF token of a request's cookie, for a form to send back.
	 * @param request the request
	 * @return the token, or an empty string
	 */
	String csrfToken(HttpServletRequest request) {
		String value = cookie(request, CSRF_COOKIE);
		return (value != null && OneTimeTokens.isWellFormed(value)) ? value : "";
	}

	/**
	 * Return the name of a capability's cookie.
	 * @param kind the capability
	 * @return the cookie name
	 */
	static String cookieName(PasswordCapability kind) {
		return (kind == PasswordCapability.RESET) ? "password_reset_access_token" : "set_password_access_token";
	}

	private CapabilityCookie settings(PasswordCapability kind) {
		return (kind == PasswordCapability.RESET) ? this.password.resetCookie() : this.password.setCookie();
	}

	private static ResponseCookie cookie(String name, String value, CapabilityCookie settings, boolean httpOnly,
			Duration maxAge) {
		return ResponseCookie.from(name, value)
			.httpOnly(httpOnly)
			.secure(settings.secure())
			.sameSite(settings.sameSite())
			.path(PATH)
			.maxAge(maxAge)
			.build();
	}

	private static @Nullable String cookie(HttpServletRequest request, String name) {
		Cookie cookie = WebUtils.getCookie(request, name);
		return (cookie != null && !cookie.getValue().isEmpty()) ? cookie.getValue() : null;
	}

	private static boolean constantTimeEquals(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

}
