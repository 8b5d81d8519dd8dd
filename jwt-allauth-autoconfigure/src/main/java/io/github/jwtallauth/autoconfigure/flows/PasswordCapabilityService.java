package io.github.jwtallauth.autoconfigure.flows;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.account.LinkTokens;
import io.github.jwtallauth.autoconfigure.account.OneTimeTokens;
import io.github.jwtallauth.autoconfigure.token.CapabilityClaims;
import io.github.jwtallauth.autoconfigure.token.InvalidTokenException;
import io.github.jwtallauth.autoconfigure.token.TokenIds;
import io.github.jwtallauth.autoconfigure.token.TokenService;

/**
 * Issues and verifies the password capabilities that links in mails hand out: a signed
 * token of type {@code pass_reset} or {@code pass_set} whose id is stored hashed (only
 * the newest of a user works, and once: {@link CredentialChanges#setWithCapability}
 * spends it), with the hash of a CSRF token bound inside. How the capability and its CSRF
 * token travel (the cookies) is the web layer's business.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class PasswordCapabilityService {

	private final TokenService tokens;

	private final LinkTokens links;

	private final TransactionTemplate transaction;

	private final JwtAllAuthProperties.Password password;

	/**
	 * Create the service.
	 * @param tokens signs and verifies the capability tokens
	 * @param links stores the hashed ids
	 * @param transaction stores each id in its own transaction
	 * @param password the lifetimes ({@code jwtallauth.password.reset-cookie.max-age} and
	 * {@code set-cookie.max-age})
	 */
	PasswordCapabilityService(TokenService tokens, LinkTokens links, TransactionTemplate transaction,
			JwtAllAuthProperties.Password password) {
		this.tokens = tokens;
		this.links = links;
		this.transaction = transaction;
		this.password = password;
	}

	/**
	 * Issue a capability for a user; the previous capability of that kind dies.
	 * @param kind the capability
	 * @param userId the user
	 * @return the signed capability, the CSRF token bound to it and their lifetime
	 */
	public IssuedCapability issue(PasswordCapability kind, String userId) {
		Duration lifetime = lifetime(kind);
		String tokenId = TokenIds.newTokenId();
		String csrf = OneTimeTokens.newToken();
		this.transaction.executeWithoutResult(
				(status) -> this.links.save(userId, kind.purpose(), OneTimeTokens.hash(tokenId), lifetime));
		String capability = this.tokens.createCapabilityToken(kind.tokenType(), userId, tokenId,
				OneTimeTokens.hash(csrf), this.links.now().plus(lifetime));
		return new IssuedCapability(capability, csrf, lifetime);
	}

	/**
	 * Verify a capability's signature, type and expiry; whether it is still unspent is
	 * decided when it is spent.
	 * @param kind the capability expected
	 * @param token the signed capability
	 * @return its claims, or {@code null} when it is not valid
	 */
	public @Nullable CapabilityClaims verify(PasswordCapability kind, String token) {
		try {
			return this.tokens.verifyCapabilityToken(kind.tokenType(), token);
		}
		catch (InvalidTokenException ex) {
			return null;
		}
	}

	/**
	 * Return how long a capability of a kind lives.
	 * @param kind the capability
	 * @return its lifetime
	 */
	public Duration lifetime(PasswordCapability kind) {
		JwtAllAuthProperties.CapabilityCookie settings = (kind == PasswordCapability.RESET)
				? this.password.resetCookie() : this.password.setCookie();
		return settings.maxAge();
	}

	/**
	 * A capability just issued.
	 *
	 * @param token the signed capability
	 * @param csrfToken the CSRF token whose hash the capability holds
	 * @param lifetime how long both live
	 */
	public record IssuedCapability(String token, String csrfToken, Duration lifetime) {

		@Override
		public String toString() {
			return "IssuedCapability[******]";
		}

	}

}
