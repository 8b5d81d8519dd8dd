package io.github.jwtallauth.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.core.io.Resource;

import io.github.jwtallauth.autoconfigure.EmailAddresses;

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
 * @param publicBaseUrl origin and context path of the application as users reach it (for
 * example https://example.com/app), the only source of the links in mails; required
 * whenever jwt-allauth mails links (password reset is always on), and its origin may call
 * the refresh endpoint
 * @param emailVerification whether sign-up proves the e-mail address: none (no mail),
 * optional (a verification mail, login at once) or mandatory (no login until the link is
 * followed; sign-up never reveals whether an address is taken)
 * @param emailVerificationExpiry how long verification and invitation links stay valid
 * @param redirects where the links in mails lead once they have been followed; each
 * defaults to a built-in page
 * @param templates names of the Thymeleaf templates of the mails and of the
 * verification-failed page; an application points a name at its own template to replace
 * ours
 * @param pages response headers of the built-in HTML pages
 * @param rateLimit limits against brute force and against abuse of the endpoints that
 * send mail
 * @param mfa multi-factor authentication (TOTP and recovery codes)
 * @param logoutOnPasswordChange whether a password change ends every session of the user
 * and opens a new one for the caller
 * @param roles names of the integer roles, each mapped to the Spring authority ROLE_
 * followed by the name (ROLE_USER); merged over the defaults 0=USER, 900=SUPERUSER,
 * 1000=STAFF
 * @param userAttributes extra token claims, each naming a bean property path of the user
 * object
 * @param rejectedRequests which requests refused before any controller runs (by Tomcat,
 * which cannot parse them or finds a header too large, or by Spring Security's firewall)
 * are answered with a problem document instead of the container's HTML page or a bare
 * status
 * @param social sign-in with the OAuth 2.0 and OpenID Connect providers registered under
 * spring.security.oauth2.client
 * @param openapi the OpenAPI description of jwt-allauth's endpoints served under the base
 * path
 * @author jwt-allauth contributors
 */
@ConfigurationProperties("jwtallauth")
public record JwtAllAuthProperties(@DefaultValue("/jwt-allauth") String basePath, @DefaultValue Jwt jwt,
		@DefaultValue RefreshCookie refreshCookie, @DefaultValue Sessions sessions, @DefaultValue Password password,
		@DefaultValue Registration registration, @DefaultValue Bootstrap bootstrap, @DefaultValue Mail mail,
		@Nullable String publicBaseUrl, @DefaultValue("none") EmailVerification emailVerification,
		@DefaultValue("3d") Duration emailVerificationExpiry, @DefaultValue Redirects redirects,
		@DefaultValue Templates templates, @DefaultValue Pages pages, @DefaultValue RateLimit rateLimit,
		@DefaultValue Mfa mfa, @DefaultValue("true") boolean logoutOnPasswordChange,
		@Nullable Map<Integer, String> roles, @Nullable Map<String, String> userAttributes,
		@DefaultValue("jwt-allauth-paths") RejectedRequests rejectedRequests, @DefaultValue Social social,
		@DefaultValue OpenApi openapi) {

	/** Role names used when {@code jwtallauth.roles} does not override them. */
	public static final Map<Integer, String> DEFAULT_ROLES = Map.of(0, "USER", 900, "SUPERUSER", 1000, "STAFF");

	private static final String MASKED = "******";

	public JwtAllAuthProperties {
		checkBasePath(basePath);
		publicBaseUrl = checkPublicBaseUrl(publicBaseUrl);
		Map<Integer, String> mergedRoles = new TreeMap<>(DEFAULT_ROLES);
		if (roles != null) {
			mergedRoles.putAll(roles);
		}
		roles = Map.copyOf(mergedRoles);
		userAttributes = (userAttributes != null) ? Map.copyOf(userAttributes) : Map.of();
		userAttributes.forEach(JwtAllAuthProperties::checkUserAttribute);
		if (userAttributes.containsKey(jwt.rolesClaim())) {
			throw new InvalidConfigurationPropertyValueException("jwtallauth.user-attributes." + jwt.rolesClaim(),
					userAttributes.get(jwt.rolesClaim()), "'" + jwt.rolesClaim()
							+ "' is the roles claim (jwtallauth.jwt.roles-claim): give the attribute another name");
		}
		// A resource server finds the keys from the issuer: make it the application's URL
		if (!jwt.issuerConfigured() && publicBaseUrl != null) {
			jwt = jwt.withIssuer(publicBaseUrl);
		}
	}

	private static void checkUserAttribute(String claim, String path) {
		String name = "jwtallauth.user-attributes." + claim;
		if (TokenClaimNames.RESERVED.contains(claim)) {
			throw new InvalidConfigurationPropertyValueException(name, claim,
					"'" + claim + "' is a reserved claim name");
		}
		if (path.toLowerCase(Locale.ROOT).contains("password")) {
			// a token is readable by anyone who holds it: never put a credential in one
			throw new InvalidConfigurationPropertyValueException(name, path,
					"a password (or its hash) must not become a token claim");
		}
	}

	// The endpoints are mapped from the raw property, so it must already be in its one
	// valid form;
	// "/" would also hand every application path to jwt-allauth's permissive filter
	// chain.
	private static void checkBasePath(String path) {
		if (!path.matches("(/[A-Za-z0-9._~-]+)+")) {
			throw new InvalidConfigurationPropertyValueException("jwtallauth.base-path", path,
					"the base path must start with '/', name at least one segment and not end with '/', e.g. /jwt-allauth");
		}
	}

	private static @Nullable String checkPublicBaseUrl(@Nullable String url) {
		if (url == null || url.isBlank()) {
			return null;
		}
		requireResolved("jwtallauth.public-base-url", url, url);
		String trimmed = url.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		// an authority of plain host characters: no user info, no leftover template
		// syntax
		if (!trimmed.matches("https?://[^/?#\\s@${}\\\\]+(/[^?#\\s]*)?")) {
			throw new InvalidConfigurationPropertyValueException("jwtallauth.public-base-url", url,
					"the public base URL must be an absolute http(s) URL without query or fragment, e.g. https://example.com");
		}
		return trimmed;
	}

	// Boot's binder keeps a placeholder it cannot resolve as literal text: with the
	// variable unset,
	// "${JWT_SECRET}" would become a secret known to anyone who can read the
	// configuration.
	private static void requireResolved(String property, @Nullable String value, Object shownValue) {
		if (value != null && value.contains("${")) {
			throw new InvalidConfigurationPropertyValueException(property, shownValue,
					"it still contains '${', a placeholder that was not resolved; set the environment variable or "
							+ "property it names");
		}
	}

	// Browsers ignore a SameSite value they do not know and fall back to their own
	// default, so a typo
	// would quietly drop the protection asked for. Returned in the form the Set-Cookie
	// header uses.
	private static String checkSameSite(String property, String value) {
		for (String known : List.of("Lax", "Strict", "None")) {
			if (known.equalsIgnoreCase(value.strip())) {
				return known;
			}
		}
		throw new InvalidConfigurationPropertyValueException(property, value,
				"the SameSite attribute must be Lax, Strict or None (in any case)");
	}

	private static void requireResolved(String property, @Nullable Resource location) {
		if (location != null) {
			requireResolved(property, location.getDescription(), location.getDescription());
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
	 * @param algorithm signature algorithm of access tokens; when unset, HS256 without a
	 * private key, else the algorithm the private key's type calls for (RS256, ES256 or
	 * EdDSA)
	 * @param secret HMAC secret for HS256, at least 32 bytes (256 bits)
	 * @param privateKey PEM resource holding the PKCS#8 private key for RS256, ES256 or
	 * EdDSA
	 * @param publicKey PEM resource holding the public key matching the private key
	 * @param previousPublicKeys PEM resources of earlier public keys still accepted
	 * during a key rotation
	 * @param keyId key id placed in the "kid" header; defaults to the RFC 7638 thumbprint
	 * of the public key
	 * @param issuer value of the "iss" claim, required on verification; defaults to
	 * jwtallauth.public-base-url when that is set (so that resource servers can discover
	 * the keys from the issuer), else to jwt-allauth
	 * @param audience value of the "aud" claim, required on verification when set
	 * @param accessTokenLifetime lifetime of access tokens
	 * @param refreshTokenLifetime sliding inactivity window of refresh tokens
	 * @param sessionLifetime absolute lifetime of a device session, after which the user
	 * must log in again
	 * @param clockSkew tolerance applied to "exp", "iat" and "nbf" on verification
	 * @param accessSessionCheck whether each authenticated request also checks, with one
	 * indexed query, that the token's session is still live
	 * @param jwksPath path of the JWK set endpoint, outside the base path
	 * @param refreshSecret HMAC secret (at least 32 bytes) for refresh tokens, which only
	 * this server verifies; derived from the signing key when unset, so set it to rotate
	 * signing keys without logging everyone out
	 * @param generateDevelopmentKey whether to generate a throw-away signing key at
	 * start-up, with a warning, when none is configured; for development only
	 * @param rolesClaim name of the access-token claim that lists the user's role name
	 * from jwtallauth.roles as an array of strings (["STAFF"]), the claim a resource
	 * server maps to authorities
	 * @param discoveryEnabled whether GET /.well-known/openid-configuration publishes the
	 * issuer and the JWK set's URL, so that a resource server configured with the issuer
	 * alone finds the keys; answered only with an asymmetric algorithm and an http(s)
	 * issuer
	 * @param verifiedTokenCacheSize most access tokens kept, until they expire, in the
	 * cache of tokens whose signature was checked, so that a token sent again costs no
	 * signature check; when unset, 10% of the maximum heap divided by about 600 bytes per
	 * entry, and at least 10,000; 0 turns the cache off
	 */
	public record Jwt(@Nullable JwtAlgorithm algorithm, @Nullable String secret, @Nullable Resource privateKey,
			@Nullable Resource publicKey, @Nullable List<Resource> previousPublicKeys, @Nullable String keyId,
			@Nullable String issuer, @Nullable String audience, @DefaultValue("30m") Duration accessTokenLifetime,
			@DefaultValue("14d") Duration refreshTokenLifetime, @Nullable Duration sessionLifetime,
			@DefaultValue("30s") Duration clockSkew, @DefaultValue("false") boolean accessSessionCheck,
			@DefaultValue("/.well-known/jwks.json") String jwksPath, @Nullable String refreshSecret,
			@DefaultValue("false") boolean generateDevelopmentKey, @DefaultValue("roles") String rolesClaim,
			@DefaultValue("true") boolean discoveryEnabled, @Nullable Long verifiedTokenCacheSize) {

		/** The issuer when neither it nor jwtallauth.public-base-url is set. */
		public static final String DEFAULT_ISSUER = "jwt-allauth";

		/** Path of the discovery document, fixed relative to the issuer. */
		public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

		public Jwt {
			previousPublicKeys = (previousPublicKeys != null) ? List.copyOf(previousPublicKeys) : List.of();
			requireResolved("jwtallauth.jwt.secret", secret, MASKED);
			requireResolved("jwtallauth.jwt.refresh-secret", refreshSecret, MASKED);
			requireResolved("jwtallauth.jwt.private-key", privateKey);
			requireResolved("jwtallauth.jwt.public-key", publicKey);
			for (int i = 0; i < previousPublicKeys.size(); i++) {
				requireResolved("jwtallauth.jwt.previous-public-keys[" + i + "]", previousPublicKeys.get(i));
			}
			if (issuer != null && issuer.isBlank()) {
				issuer = null;
			}
			if (!rolesClaim.matches("[A-Za-z0-9_.:-]+") || TokenClaimNames.RESERVED.contains(rolesClaim)) {
				throw new InvalidConfigurationPropertyValueException("jwtallauth.jwt.roles-claim", rolesClaim,
						"the roles claim needs a name of its own, of letters, digits and _ . : -, that is not a "
								+ "reserved claim, e.g. roles");
			}
			if (verifiedTokenCacheSize != null && verifiedTokenCacheSize < 0) {
				throw new InvalidConfigurationPropertyValueException("jwtallauth.jwt.verified-token-cache-size",
						verifiedTokenCacheSize, "the cache size must be 0 (no cache) or more");
			}
		}

		@Override
		public String issuer() {
			return (this.issuer != null) ? this.issuer : DEFAULT_ISSUER;
		}

		/**
		 * Whether the issuer was configured rather than defaulted.
		 * @return whether jwtallauth.jwt.issuer is set
		 */
		boolean issuerConfigured() {
			return this.issuer != null;
		}

		Jwt withIssuer(String issuer) {
			return new Jwt(this.algorithm, this.secret, this.privateKey, this.publicKey, this.previousPublicKeys,
					this.keyId, issuer, this.audience, this.accessTokenLifetime, this.refreshTokenLifetime,
					this.sessionLifetime, this.clockSkew, this.accessSessionCheck, this.jwksPath, this.refreshSecret,
					this.generateDevelopmentKey, this.rolesClaim, this.discoveryEnabled, this.verifiedTokenCacheSize);
		}

		@Override
		public List<Resource> previousPublicKeys() {
			return this.previousPublicKeys;
		}

		@Override
		public String toString() {
			return "Jwt[algorithm=" + this.algorithm + ", issuer=" + issuer() + ", secret=******]";
		}

	}

	/**
	 * Refresh-token cookie.
	 *
	 * @param enabled whether the refresh token travels in a cookie (cookie mode) rather
	 * than in the JSON body (body mode)
	 * @param name name of the cookie
	 * @param httpOnly whether the cookie is hidden from scripts
	 * @param secure whether the cookie is sent over HTTPS only
	 * @param sameSite SameSite attribute of the cookie: Lax, Strict or None, in any case
	 * @param maxAge Max-Age of the cookie; defaults to the refresh-token lifetime, a
	 * negative value makes a browser-session cookie
	 * @param path path of the cookie
	 * @param domain domain of the cookie
	 * @param allowedOrigins comma-separated list of origins (scheme://host[:port]) whose
	 * pages may refresh in cookie mode besides the origin of jwtallauth.public-base-url;
	 * browser requests from any other origin are refused
	 */
	public record RefreshCookie(@DefaultValue("true") boolean enabled, @DefaultValue("refresh_token") String name,
			@DefaultValue("true") boolean httpOnly, @DefaultValue("true") boolean secure,
			@DefaultValue("Lax") String sameSite, @Nullable @DurationUnit(ChronoUnit.SECONDS) Duration maxAge,
			@DefaultValue("/") String path, @Nullable String domain, @Nullable List<String> allowedOrigins) {

		// An origin as browsers serialise it in the Origin header: no userinfo, path,
		// query or fragment.
		private static final Pattern ORIGIN = Pattern
			.compile("([A-Za-z][A-Za-z0-9+.-]*)://([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\])(?::([0-9]{1,5}))?");

		public RefreshCookie {
			sameSite = checkSameSite("jwtallauth.refresh-cookie.same-site", sameSite);
			allowedOrigins = (allowedOrigins != null)
					? allowedOrigins.stream().map(RefreshCookie::normalizeOrigin).toList() : List.of();
		}

		@Override
		public List<String> allowedOrigins() {
			return this.allowedOrigins;
		}

		// Lower-case with the scheme's default port dropped, the form the Origin header
		// takes, so that
		// a request is matched without parsing it.
		private static String normalizeOrigin(String origin) {
			Matcher matcher = ORIGIN.matcher(origin.strip());
			boolean valid = matcher.matches();
			int port = (valid && matcher.group(3) != null) ? Integer.parseInt(matcher.group(3)) : -1;
			if (!valid || port == 0 || port > 65535) {
				throw new InvalidConfigurationPropertyValueException("jwtallauth.refresh-cookie.allowed-origins",
						origin, "each entry must be an origin, scheme://host[:port] without path or trailing '/', "
								+ "e.g. https://app.example.com");
			}
			String scheme = matcher.group(1).toLowerCase(Locale.ROOT);
			String host = matcher.group(2).toLowerCase(Locale.ROOT);
			boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443)
					|| ("http".equals(scheme) && port == 80);
			return scheme + "://" + host + (defaultPort ? "" : ":" + port);
		}

	}

	/**
	 * Device sessions.
	 *
	 * @param collectUserAgent whether to record the client IP and user agent (browser,
	 * OS, device) of each session
	 * @param trustedProxies comma-separated list of proxy addresses or CIDR ranges whose
	 * X-Forwarded-For header is honoured
	 * @param reuseGracePeriod time during which replaying the immediately previous
	 * refresh token returns the same successor instead of revoking the session
	 * @param purgeInterval interval between runs of the job that deletes expired sessions
	 * @param reuseAlertMail whether to mail a user when a replayed refresh token closes
	 * one of their sessions (which device, when, and where to change the password), at
	 * most once an hour per user
	 */
	public record Sessions(@DefaultValue("false") boolean collectUserAgent, @Nullable List<String> trustedProxies,
			@DefaultValue("0s") Duration reuseGracePeriod, @DefaultValue("1h") Duration purgeInterval,
			@DefaultValue("true") boolean reuseAlertMail) {

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
	 * @param oldPasswordRequired whether POST /password/change asks for the current
	 * password
	 * @param resetTimeout how long a password-reset link stays valid; it also dies as
	 * soon as the password changes
	 * @param resetCookie capability cookie that following a password-reset link hands out
	 * (password_reset_access_token, max age 1h unless set)
	 * @param setCookie capability cookie that following an invitation link hands out
	 * (set_password_access_token, max age 1d unless set)
	 */
	public record Password(@DefaultValue("8") int minLength, @DefaultValue("true") boolean oldPasswordRequired,
			@DefaultValue("3d") Duration resetTimeout, @DefaultValue CapabilityCookie resetCookie,
			@DefaultValue CapabilityCookie setCookie) {

		public Password {
			resetCookie = resetCookie.checked("jwtallauth.password.reset-cookie", Duration.ofHours(1));
			setCookie = setCookie.checked("jwtallauth.password.set-cookie", Duration.ofDays(1));
		}

	}

	/**
	 * A capability cookie: the one-time permission to set a password, handed out by a
	 * link in a mail.
	 *
	 * @param httpOnly whether scripts are kept from reading the cookie
	 * @param secure whether the cookie is sent over HTTPS only
	 * @param sameSite SameSite attribute of the cookie and of its XSRF-TOKEN companion:
	 * Lax, Strict or None, in any case
	 * @param maxAge lifetime of the cookie and of the capability it carries (1h for
	 * password reset, 1d for invitations unless set)
	 */
	public record CapabilityCookie(@DefaultValue("true") boolean httpOnly, @DefaultValue("true") boolean secure,
			@DefaultValue("Lax") String sameSite, @Nullable @DurationUnit(ChronoUnit.SECONDS) Duration maxAge) {

		// The cookie does not know its own name, nor its default lifetime: Password,
		// which does, calls this.
		CapabilityCookie checked(String prefix, Duration defaultMaxAge) {
			Duration age = (this.maxAge != null) ? this.maxAge : defaultMaxAge;
			if (age.isZero() || age.isNegative()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".max-age", age,
						"a capability must live for some time: use a positive duration, e.g. 1h");
			}
			return new CapabilityCookie(this.httpOnly, this.secure, checkSameSite(prefix + ".same-site", this.sameSite),
					age);
		}

		@Override
		@SuppressWarnings("NullAway")
		public Duration maxAge() {
			return this.maxAge;
		}

	}

	/**
	 * Self-service registration.
	 *
	 * @param enabled whether users may sign up through POST /registration
	 * @param invitations whether users holding one of the allowed-roles may invite people
	 * through POST /registration/user-register, alongside self-registration
	 * @param adminManaged whether accounts are created only by invitation: turns
	 * invitations on and closes self-registration
	 * @param allowedRoles roles that may invite; an inviter never grants a role above its
	 * own
	 */
	public record Registration(@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean invitations,
			@DefaultValue("false") boolean adminManaged, @DefaultValue( {
					"1000", "900" }) List<Integer> allowedRoles){

		public Registration {
			allowedRoles = List.copyOf(allowedRoles);
		}

		/**
		 * Whether {@code POST /registration} is open.
		 * @return whether self-registration is open
		 */
		public boolean isSelfRegistrationOpen() {
			return this.enabled && !this.adminManaged;
		}

		/**
		 * Whether {@code POST /registration/user-register} is open.
		 * @return whether invitations are on
		 */
		public boolean isInvitationOpen() {
			return this.invitations || this.adminManaged;
		}

	}

	/**
	 * How sign-up proves an e-mail address.
	 */
	public enum EmailVerification {

		/** No verification mail; addresses count as verified. */
		NONE,

		/**
		 * A verification mail is sent; the user is logged in at once and the address is
		 * unverified until the link is followed.
		 */
		OPTIONAL,

		/** A verification mail is sent; login is refused until the link is followed. */
		MANDATORY

	}

	/**
	 * Where the links in mails lead. Each defaults to a built-in page under the base
	 * path.
	 *
	 * @param emailVerified page shown after an e-mail address has been verified
	 * @param passwordReset page with the form that sets a new password after a reset link
	 * @param passwordSet page with the form that sets the first password after an
	 * invitation link
	 */
	public record Redirects(@Nullable String emailVerified, @Nullable String passwordReset,
			@Nullable String passwordSet) {
	}

	/**
	 * Thymeleaf templates, by name, resolved under {@code classpath:/templates/}. A mail
	 * template name stands for two files: {@code <name>.html} (the HTML part) and
	 * {@code <name>.txt} (the plain-text part); a subject template is {@code <name>.txt}.
	 * Messages inside them are looked up in the application's {@code MessageSource}
	 * first.
	 *
	 * @param verificationSubject subject of the e-mail verification mail
	 * @param verification body of the e-mail verification mail
	 * @param passwordResetSubject subject of the password-reset mail
	 * @param passwordReset body of the password-reset mail
	 * @param invitationSubject subject of the invitation mail
	 * @param invitation body of the invitation mail
	 * @param accountExistsSubject subject of the "you already have an account" mail
	 * @param accountExists body of the "you already have an account" mail
	 * @param verificationFailed HTML page shown when a verification or invitation link is
	 * invalid or expired
	 */
	public record Templates(@DefaultValue("jwtallauth/mail/verification-subject") String verificationSubject,
			@DefaultValue("jwtallauth/mail/verification") String verification,
			@DefaultValue("jwtallauth/mail/password-reset-subject") String passwordResetSubject,
			@DefaultValue("jwtallauth/mail/password-reset") String passwordReset,
			@DefaultValue("jwtallauth/mail/invitation-subject") String invitationSubject,
			@DefaultValue("jwtallauth/mail/invitation") String invitation,
			@DefaultValue("jwtallauth/mail/account-exists-subject") String accountExistsSubject,
			@DefaultValue("jwtallauth/mail/account-exists") String accountExists,
			@DefaultValue("jwtallauth/verification-failed") String verificationFailed) {
	}

	/**
	 * Which requests refused before any controller runs are answered with a problem
	 * document.
	 */
	public enum RejectedRequests {

		/**
		 * Requests to jwt-allauth's paths (base path, JWK set and discovery document);
		 * other paths keep the container's answer.
		 */
		JWT_ALLAUTH_PATHS,

		/** Requests to every path, the application's included. */
		ALL_PATHS,

		/**
		 * None: the container's error page and Spring Security's plain status everywhere.
		 */
		NONE

	}

	/**
	 * The built-in HTML pages: the password forms and the pages shown after a link is
	 * followed.
	 *
	 * @param contentSecurityPolicy Content-Security-Policy header of the built-in pages,
	 * also when the application replaces one of their templates; empty to send none (an
	 * application whose own template needs inline code or other origins sets its own
	 * policy here)
	 */
	public record Pages(@DefaultValue(Pages.DEFAULT_CONTENT_SECURITY_POLICY) String contentSecurityPolicy) {

		/**
		 * The default policy: the pages load their script and style sheet from the
		 * application's own origin and post only to it; nothing inline, no frames, no
		 * other origin.
		 */
		public static final String DEFAULT_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
				+ "style-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

	}

	/**
	 * Limits against abuse.
	 *
	 * @param enabled whether the limits apply
	 * @param loginPerIp failed logins allowed per client IP, as count/period (for example
	 * 10/1m); beyond it every login from that IP answers 429, even with the right
	 * password. The same rate limits wrong passwords re-checked on password change and
	 * MFA deactivation
	 * @param loginPerAccount failed logins allowed per e-mail address, whether or not it
	 * has an account, as count/period. The same rate limits, per user, wrong passwords
	 * re-checked on password change and MFA deactivation
	 * @param resetPerAddress password-reset requests allowed per e-mail address, as
	 * count/period (for example 5/1m)
	 * @param mailPerAddress verification mails and "account already exists" notices sent
	 * per e-mail address, as count/period
	 * @param mailRequestsPerIp requests per client IP to the endpoints that send mail or
	 * create accounts (password reset, resend-verification, sign-up), as count/period
	 * @param backend where the counts are kept: memory (per instance, lost on restart) or
	 * jdbc (the application's database, shared by every instance); redis is reserved
	 */
	public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("10/1m") Rate loginPerIp,
			@DefaultValue("5/5m") Rate loginPerAccount, @DefaultValue("5/1m") Rate resetPerAddress,
			@DefaultValue("1/3m") Rate mailPerAddress, @DefaultValue("20/1m") Rate mailRequestsPerIp,
			@DefaultValue("memory") RateLimitBackend backend) {
	}

	/**
	 * Multi-factor authentication.
	 *
	 * @param mode how strictly users use a second factor: disabled (the MFA endpoints
	 * answer 403), optional (users enrol at will and are then challenged at login) or
	 * required (every user must enrol before a session opens)
	 * @param issuer issuer shown by authenticator apps next to the account
	 * @param encryptionKey 32 random bytes, base64, that encrypt TOTP secrets (AES-GCM)
	 * and key the hashes of recovery codes; required unless MFA is disabled (a
	 * development key is generated, with a warning, where
	 * jwtallauth.jwt.generate-development-key is set)
	 * @param challengeMaxAttempts wrong codes that kill one login challenge
	 * @param maxAttempts wrong codes per user within the lockout window that lock MFA for
	 * that user (429)
	 * @param lockout sliding window in which max-attempts is counted
	 */
	public record Mfa(@DefaultValue("disabled") MfaMode mode, @DefaultValue("JWT-Allauth") String issuer,
			@Nullable String encryptionKey, @DefaultValue("5") int challengeMaxAttempts,
			@DefaultValue("10") int maxAttempts, @DefaultValue("15m") Duration lockout) {

		public Mfa {
			requireResolved("jwtallauth.mfa.encryption-key", encryptionKey, MASKED);
			checkEncryptionKey(encryptionKey);
			if (challengeMaxAttempts < 1) {
				throw new InvalidConfigurationPropertyValueException("jwtallauth.mfa.challenge-max-attempts",
						challengeMaxAttempts, "a challenge must allow at least one attempt");
			}
			if (maxAttempts < 1) {
				throw new InvalidConfigurationPropertyValueException("jwtallauth.mfa.max-attempts", maxAttempts,
						"at least one attempt must be allowed");
			}
			if (lockout.isNegative() || lockout.isZero()) {
				throw new InvalidConfigurationPropertyValueException("jwtallauth.mfa.lockout", lockout,
						"the lockout window must be positive");
			}
		}

		// the key itself never goes into the message
		private static void checkEncryptionKey(@Nullable String key) {
			if (key == null || key.isBlank()) {
				return;
			}
			byte[] bytes;
			try {
				bytes = Base64.getDecoder().decode(key.strip());
			}
			catch (IllegalArgumentException ex) {
				bytes = new byte[0];
			}
			if (bytes.length != 32) {
				throw new InvalidSecretPropertyException("jwtallauth.mfa.encryption-key",
						"it must be 32 random bytes in base64, e.g. from `openssl rand -base64 32`");
			}
		}

		@Override
		public String toString() {
			return "Mfa[mode=" + this.mode + ", issuer=" + this.issuer + ", encryptionKey=******]";
		}

	}

	/**
	 * Whether, and how strictly, users use a second factor.
	 */
	public enum MfaMode {

		/** No MFA: the endpoints answer 403 and login never challenges. */
		DISABLED,

		/** Users enrol and leave at will; enrolled users are challenged at login. */
		OPTIONAL,

		/** Every user must enrol: a session opens only after the second factor. */
		REQUIRED

	}

	/**
	 * Where rate-limit counts are kept.
	 */
	public enum RateLimitBackend {

		/** In the instance's memory. */
		MEMORY,

		/** In the table {@code jwt_allauth_rate_limit}, shared by every instance. */
		JDBC,

		/** Reserved for a Redis backend; not available in this version. */
		REDIS

	}

	/**
	 * The OpenAPI description of jwt-allauth's endpoints.
	 *
	 * @param enabled whether the OpenAPI 3.1 description of jwt-allauth's endpoints is
	 * served, without authentication, at the base path followed by /openapi.yaml, its
	 * paths under the configured base path and JWK set path
	 */
	public record OpenApi(@DefaultValue("false") boolean enabled) {
	}

	/**
	 * Mail.
	 *
	 * @param from sender address of every mail jwt-allauth sends
	 */
	public record Mail(@DefaultValue("no-reply@localhost") String from) {
	}

	/**
	 * Social login. The providers are Spring Boot's OAuth 2.0 client registrations
	 * (spring.security.oauth2.client.registration and .provider); each registration id is
	 * a provider of the social endpoints.
	 *
	 * @param emailLinking whether a provider's verified address may sign in to the
	 * existing account that owns it, linking the provider account to it: true for every
	 * provider, false for none, or the list of registration ids allowed to
	 * @param requireVerifiedEmail whether a provider must vouch for a verified address
	 * before an account is found or created for it
	 * @param autoSignup whether a provider account that matches no account creates one
	 * @param callbackUrls the callback URLs the code flow accepts, compared exactly;
	 * empty accepts any
	 * @param accessTokenProviders registration ids whose access tokens a client may sign
	 * in with on the word of the provider's user-info endpoint alone. A user-info
	 * endpoint answers for a token issued to any application, so list only a provider
	 * that issues tokens to this application alone (an identity server of your own).
	 * GitHub's tokens are checked with GitHub to be this application's and need no
	 * listing; other providers sign in with their ID token
	 */
	public record Social(@DefaultValue("true") List<String> emailLinking,
			@DefaultValue("true") boolean requireVerifiedEmail, @DefaultValue("true") boolean autoSignup,
			@Nullable List<String> callbackUrls, @Nullable List<String> accessTokenProviders) {

		public Social {
			emailLinking = emailLinking.stream().map(String::strip).filter((id) -> !id.isEmpty()).toList();
			boolean flag = emailLinking.stream().anyMatch((id) -> id.equals("true") || id.equals("false"));
			if (emailLinking.isEmpty() || (flag && emailLinking.size() > 1)) {
				throw new InvalidConfigurationPropertyValueException("jwtallauth.social.email-linking",
						String.join(",", emailLinking),
						"it must be true, false or a list of registration ids, e.g. google,github");
			}
			callbackUrls = (callbackUrls != null) ? List.copyOf(callbackUrls) : List.of();
			accessTokenProviders = (accessTokenProviders != null) ? List.copyOf(accessTokenProviders) : List.of();
		}

		/**
		 * Whether a client may sign in with an access token of a provider whose tokens
		 * cannot be checked to be this application's.
		 * @param registrationId the provider's registration id
		 * @return whether its user-info endpoint's word is enough
		 */
		public boolean trustsAccessTokensOf(String registrationId) {
			return this.accessTokenProviders.contains(registrationId);
		}

		/**
		 * Whether a provider may link to the existing account owning its verified
		 * address.
		 * @param registrationId the provider's registration id
		 * @return whether it may
		 */
		public boolean linksByEmail(String registrationId) {
			String first = this.emailLinking.get(0);
			if (first.equals("true") || first.equals("false")) {
				return Boolean.parseBoolean(first);
			}
			return this.emailLinking.contains(registrationId);
		}

		/**
		 * Whether the code flow accepts a callback URL.
		 * @param callbackUrl the callback URL a client sent
		 * @return whether it is allowed
		 */
		public boolean allowsCallbackUrl(String callbackUrl) {
			return this.callbackUrls.isEmpty() || this.callbackUrls.contains(callbackUrl);
		}

	}

	/**
	 * First administrator, created at start-up when no account has its e-mail.
	 *
	 * @param adminEmail e-mail address of the administrator account to create
	 * @param adminPassword password of the administrator account to create
	 */
	public record Bootstrap(@Nullable String adminEmail, @Nullable String adminPassword) {

		public Bootstrap {
			if (adminEmail != null && EmailAddresses.parse(adminEmail).isEmpty()) {
				throw new InvalidConfigurationPropertyValueException("jwtallauth.bootstrap.admin-email", adminEmail,
						"the administrator's address must be a plain local@domain address, e.g. admin@example.com");
			}
			requireResolved("jwtallauth.bootstrap.admin-password", adminPassword, MASKED);
			if (adminEmail != null && (adminPassword == null || adminPassword.isEmpty())) {
				throw new InvalidConfigurationPropertyValueException("jwtallauth.bootstrap.admin-password", null,
						"the bootstrap administrator needs a password: set it with jwtallauth.bootstrap.admin-email, "
								+ "or remove both");
			}
		}

		@Override
		public String toString() {
			return "Bootstrap[adminEmail=" + this.adminEmail + ", adminPassword=******]";
		}

	}

}
