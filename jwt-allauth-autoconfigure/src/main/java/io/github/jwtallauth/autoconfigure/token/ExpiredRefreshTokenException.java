package io.github.jwtallauth.autoconfigure.token;

/**
 * Thrown for a correctly signed refresh token that has expired, with its claims, so that
 * the caller can tell an idle session from one past its absolute deadline.
 *
 * @author jwt-allauth contributors
 */
public final class ExpiredRefreshTokenException extends InvalidTokenException {

	private final transient RefreshTokenClaims claims;

	public ExpiredRefreshTokenException(RefreshTokenClaims claims, Throwable cause) {
		super("Refresh token expired", cause);
		this.claims = claims;
	}

	/**
	 * Return the expired token's claims; its signature was valid.
	 * @return the claims
	 */
	public RefreshTokenClaims getClaims() {
		return this.claims;
	}

}
