package io.github.jwtallauth.autoconfigure.security;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.github.jwtallauth.autoconfigure.EmailAddresses;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.mfa.MfaService;
import io.github.jwtallauth.autoconfigure.problem.DatabaseFailures;
import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.ratelimit.LoginThrottle;
import io.github.jwtallauth.autoconfigure.session.ClientIpResolver;

/**
 * Lets Spring Security's {@code AuthenticationManager} check an e-mail and password
 * against jwt-allauth's accounts, for applications that also use HTTP Basic or form
 * login. Its presence also keeps Boot from creating an in-memory user with a generated
 * password. The same limits as {@code POST /login} apply (failed logins per client IP and
 * per address), and a user whose session needs a second factor is refused: these
 * mechanisms have no step for it, so the password alone must not be enough.
 * <p>
 * A login that cannot be decided because the database or the shared rate-limit store
 * cannot be reached is not an authentication failure: it is thrown as a
 * {@link JwtAllAuthException} {@code unavailable}, which Spring Security's filters do not
 * turn into a 401 or a login-page redirect, and {@link UnavailableProblemFilter} answers
 * 503, as {@code POST /login} does.
 *
 * @author jwt-allauth contributors
 */
final class JwtAllAuthPasswordAuthenticationProvider implements AuthenticationProvider {

	private static final Log logger = LogFactory.getLog(JwtAllAuthPasswordAuthenticationProvider.class);

	private final PasswordAuthenticator authenticator;

	private final JwtAllAuthRoles roles;

	private final @Nullable LoginThrottle throttle;

	private final @Nullable ClientIpResolver clientIps;

	private final @Nullable MfaService mfa;

	/**
	 * Create the provider.
	 * @param authenticator checks e-mail and password
	 * @param roles maps roles to authorities
	 * @param throttle the failed-login limits, or {@code null} for none
	 * @param clientIps finds the client IP the limits count by
	 * @param mfa says whether a user needs a second factor, or {@code null} without MFA
	 */
	JwtAllAuthPasswordAuthenticationProvider(PasswordAuthenticator authenticator, JwtAllAuthRoles roles,
			@Nullable LoginThrottle throttle, @Nullable ClientIpResolver clientIps, @Nullable MfaService mfa) {
		this.authenticator = authenticator;
		this.roles = roles;
		this.throttle = throttle;
		this.clientIps = clientIps;
		this.mfa = mfa;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String sent = String.valueOf(authentication.getPrincipal());
		Object credentials = authentication.getCredentials();
		if (credentials == null) {
			throw new BadCredentialsException("Incorrect credentials");
		}
		String email = EmailAddresses.parse(sent).orElse(sent);
		String ip = clientIp();
		String password = credentials.toString();
		UserAccount user;
		boolean needsSecondFactor;
		try {
			user = (this.throttle != null)
					? this.throttle.check(email, ip, () -> this.authenticator.authenticate(sent, password))
					: this.authenticator.authenticate(sent, password);
			needsSecondFactor = this.mfa != null && this.mfa.requiresSecondFactor(user);
		}
		catch (JwtAllAuthException ex) {
			if (ex.getErrorCode() == ErrorCode.UNAVAILABLE) {
				// the limiter has logged why
				throw ex;
			}
			throw new BadCredentialsException(ex.getDefaultDetail());
		}
		catch (RuntimeException ex) {
			if (!DatabaseFailures.isUnavailable(ex)) {
				throw ex;
			}
			DatabaseFailures.warn(logger, "password login through Spring Security, answered 503 unavailable", ex);
			throw new JwtAllAuthException(ErrorCode.UNAVAILABLE);
		}
		if (needsSecondFactor) {
			throw new BadCredentialsException("A second factor is required: log in through POST /login");
		}
		return UsernamePasswordAuthenticationToken.authenticated(user.getId(), null,
				this.roles.authoritiesFor(user.getRole()));
	}

	// The filters run inside Spring's request context (Boot registers its filter ahead of
	// Spring
	// Security's), which is the only way to the request from an AuthenticationProvider.
	private @Nullable String clientIp() {
		if (this.clientIps != null
				&& RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return this.clientIps.resolve(attributes.getRequest());
		}
		return null;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
