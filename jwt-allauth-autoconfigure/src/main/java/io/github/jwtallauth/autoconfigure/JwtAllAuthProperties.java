package io.github.jwtallauth.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.core.io.Resource;

/**
 * Configuration properties for jwt-allauth, bound from {@code jwtallauth.*}.
 *
 * @param basePath path under which every jwt-allauth endpoint is mounted
 * @param jwt signing, verification and lifetime of the tokens
 * @param refreshCookie delivery of the refresh token as a cookie
 * @param sessions device sessions (the refresh-token whitelist)
 * @param password password rules
 * @param registration self-service sign-up
 * @param bootstrap first administrator created at start-up
 * @param mail mails jwt-allauth sends
 * @param logoutOnPasswordChange whether a password change ends every session of the user and opens a
 * new one for the caller
 * @param roles names of the integer roles, mapped to Spring authorities {@code ROLE_<NAME>}; merged
 * over the defaults 0=USER, 900=SUPERUSER, 1000=STAFF
 * @param userAttributes extra token claims, each naming a bean property path of the user object
 * @author jwt-allauth contributors
 */
@ConfigurationProperties("jwtallauth")
public record JwtAllAuthProperties(@DefaultValue("/jwt-allauth") String basePath, @DefaultValue Jwt jwt,
		@DefaultValue RefreshCookie refreshCookie, @DefaultValue Sessions sessions, @DefaultValue Password password,
		@DefaultValue Registration registration, @DefaultValue Bootstrap bootstrap,
		@DefaultValue Mail mail, @DefaultValue("true") boolean logoutOnPasswordChange,
		@Nullable Map<Integer, String> roles, @Nullable Map<String, String> userAttributes) {

	/** Role names used when {@code jwtallauth.roles} does not override them. */
	public static final Map<Integer, String> DEFAULT_ROLES = Map.of(0, "USER", 900, "SUPERUSER", 1000, "STAFF");

	public JwtAllAuthProperties {
		checkBasePath(basePath);
		Map<Integer, String> mergedRoles = new TreeMap<>(DEFAULT_ROLES);
		if (roles != null) {
			mergedRoles.putAll(roles);
		}
		roles = Map.copyOf(mergedRoles);
		userAttributes = (userAttributes != null) ? Map.copyOf(userAttributes) : Map.of();
	}

	// The endpoints are mapped from the raw property, so it must already be in its one valid form;
	// "/" would also hand every application path to jwt-allauth's permissive filter chain.
	private static void checkBasePath(String path) {
		if (!path.matches("(/[A-Za-z0-9._~-]+)+")) {
			throw new InvalidConfigurationPropertyValueException("jwtallauth.base-path", path,
					"the base path must start with '/', name at least one segment and not end with '/', e.g. /jwt-allauth");
		}
	}

	@Override
	public Map<Integer, String> roles() {
		return this.roles;
	}

	@Override
	public Map<String, String> userAttributes() {
		return this.userAttributes;
	}

	/**
	 * Token signing and verification.
	 *
	 * @param algorithm signature algorithm of access tokens; when unset, HS256 without a private key, else
	 * the algorithm the private key's type calls for (RS256, ES256 or EdDSA)
	 * @param secret HMAC secret for HS256, at least 32 bytes (256 bits)
	 * @param privateKey PEM resource holding the PKCS#8 private key for RS256, ES256 or EdDSA
	 * @param publicKey PEM resource holding the public key matching the private key
	 * @param previousPublicKeys PEM resources of earlier public keys still accepted during a key rotation
	 * @param keyId key id placed in the "kid" header; defaults to the RFC 7638 thumbprint of the public key
	 * @param issuer value of the "iss" claim, required on verification
	 * @param audience value of the "aud" claim, required on verification when set
	 * @param accessTokenLifetime lifetime of access tokens
	 * @param refreshTokenLifetime sliding inactivity window of refresh tokens
	 * @param sessionLifetime absolute lifetime of a device session, after which the user must log in again
	 * @param clockSkew tolerance applied to "exp", "iat" and "nbf" on verification
	 * @param accessSessionCheck whether each authenticated request also checks, with one indexed query,
	 * that the token's session is still live
	 * @param jwksPath path of the JWK set endpoint, outside the base path
	 * @param refreshSecret HMAC secret (at least 32 bytes) for refresh tokens, which only this server
	 * verifies; derived from the signing key when unset, so set it to rotate signing keys without
	 * logging everyone out
	 * @param generateDevelopmentKey whether to generate a throw-away signing key at start-up, with a
	 * warning, when none is configured; for development only
	 */
	public record Jwt(@Nullable JwtAlgorithm algorithm, @Nullable String secret,
			@Nullable Resource privateKey, @Nullable Resource publicKey, @Nullable List<Resource> previousPublicKeys,
			@Nullable String keyId, @DefaultValue("jwt-allauth") String issuer, @Nullable String audience,
			@DefaultValue("30m") Duration accessTokenLifetime, @DefaultValue("14d") Duration refreshTokenLifetime,
			@Nullable Duration sessionLifetime, @DefaultValue("30s") Duration clockSkew,
			@DefaultValue("false") boolean accessSessionCheck,
			@DefaultValue("/.well-known/jwks.json") String jwksPath, @Nullable String refreshSecret,
			@DefaultValue("false") boolean generateDevelopmentKey) {

		public Jwt {
			previousPublicKeys = (previousPublicKeys != null) ? List.copyOf(previousPublicKeys) : List.of();
		}

		@Override
		public List<Resource> previousPublicKeys() {
			return this.previousPublicKeys;
		}

		@Override
		public String toString() {
			return "Jwt[algorithm=" + this.algorithm + ", issuer=" + this.issuer + ", secret=******]";
		}

	}

	/**
	 * Refresh-token cookie.
	 *
	 * @param enabled whether the refresh token travels in a cookie (cookie mode) rather than in the JSON
	 * body (body mode)
	 * @param name name of the cookie
	 * @param httpOnly whether the cookie is hidden from scripts
	 * @param secure whether the cookie is sent over HTTPS only
	 * @param sameSite SameSite attribute of the cookie
	 * @param maxAge Max-Age of the cookie; defaults to the refresh-token lifetime, a negative value makes a
	 * browser-session cookie
	 * @param path path of the cookie
	 * @param domain domain of the cookie
	 */
	public record RefreshCookie(@DefaultValue("true") boolean enabled, @DefaultValue("refresh_token") String name,
			@DefaultValue("true") boolean httpOnly, @DefaultValue("true") boolean secure,
			@DefaultValue("Lax") String sameSite, @Nullable @DurationUnit(ChronoUnit.SECONDS) Duration maxAge,
			@DefaultValue("/") String path, @Nullable String domain) {
	}

	/**
	 * Device sessions.
	 *
	 * @param collectUserAgent whether to record the client IP and user agent (browser, OS, device) of each
	 * session
	 * @param trustedProxies comma-separated list of proxy addresses or CIDR ranges whose X-Forwarded-For
	 * header is honoured
	 * @param reuseGracePeriod time during which replaying the immediately previous refresh token returns
	 * the same successor instead of revoking the session
	 * @param purgeInterval interval between runs of the job that deletes expired sessions
	 */
	public record Sessions(@DefaultValue("false") boolean collectUserAgent, @Nullable List<String> trustedProxies,
			@DefaultValue("0s") Duration reuseGracePeriod, @DefaultValue("1h") Duration purgeInterval) {

		public Sessions {
			trustedProxies = (trustedProxies != null) ? List.copyOf(trustedProxies) : List.of();
		}

		@Override
		public List<String> trustedProxies() {
			return this.trustedProxies;
		}

	}

	/**
	 * Password rules.
	 *
	 * @param minLength minimum number of characters of a new password
	 * @param oldPasswordRequired whether {@code POST /password/change} asks for the current password
	 */
	public record Password(@DefaultValue("8") int minLength, @DefaultValue("true") boolean oldPasswordRequired) {
	}

	/**
	 * Self-service registration.
	 *
	 * @param enabled whether users may sign up through {@code POST /registration}
	 */
	public record Registration(@DefaultValue("true") boolean enabled) {
	}

	/**
	 * Mail.
	 *
	 * @param from sender address of every mail jwt-allauth sends
	 */
	public record Mail(@DefaultValue("no-reply@localhost") String from) {
	}

	/**
	 * First administrator, created at start-up when no account has its e-mail.
	 *
	 * @param adminEmail e-mail address of the administrator account to create
	 * @param adminPassword password of the administrator account to create
	 */
	public record Bootstrap(@Nullable String adminEmail, @Nullable String adminPassword) {

		@Override
		public String toString() {
			return "Bootstrap[adminEmail=" + this.adminEmail + ", adminPassword=******]";
		}

	}

}
