package io.github.jwtallauth.autoconfigure.problem;

/**
 * Every failure jwt-allauth answers, each with the {@code code} the client sees, the HTTP
 * status it is answered with, the key of its {@code detail} in the {@code MessageSource}
 * and the English default of that detail. Services throw a {@link JwtAllAuthException}
 * that names one of these; the web layer alone turns it into a problem document, so the
 * services never see HTTP.
 * <p>
 * Several constants may share a wire code and differ in their detail: a client branches
 * on {@link #code()}, a person reads the detail. The status is a plain number so that
 * this package stays free of Spring's HTTP types.
 *
 * @author jwt-allauth contributors
 */
public enum ErrorCode {

	/**
	 * 400: a request whose fields are wrong; the problem lists them under {@code errors}.
	 */
	INVALID(400, "invalid", "invalid", "The request is invalid."),

	/**
	 * 400 unless the server chose another 4xx: a request refused before any endpoint saw
	 * it (a request line, header or path the server cannot parse, or one over a size
	 * limit).
	 */
	MALFORMED_REQUEST(400, "invalid", "malformed_request", "The request is malformed or too large."),

	/** 406: the client accepts nothing jwt-allauth can answer with. */
	NOT_ACCEPTABLE(406, "invalid", "not_acceptable", "The response can only be JSON."),

	/** 401: wrong e-mail or password. */
	INCORRECT_CREDENTIALS(401, "incorrect_credentials", "incorrect_credentials", "Incorrect credentials"),

	/** 401: the password was right but the account is inactive. */
	ACCOUNT_INACTIVE(401, "account_inactive", "account_inactive", "No active account found with the given credentials"),

	/** 401: the address must be verified first. */
	EMAIL_NOT_VERIFIED(401, "email_not_verified", "email_not_verified", "User email is not verified"),

	/** 401: a token that is malformed, expired, revoked or replayed. */
	TOKEN_NOT_VALID(401, "token_not_valid", "token_not_valid", "Token is invalid or expired"),

	/** 401: a valid access token whose session has been closed. */
	SESSION_REVOKED(401, "token_not_valid", "session_revoked", "Session is no longer active."),

	/** 401: the session reached {@code jwtallauth.jwt.session-lifetime}. */
	SESSION_EXPIRED(401, "session_expired", "session_expired",
			"Session reached its maximum lifetime. Please log in again"),

	/** 400: a token sent in a body (logout) that is not a live token of the caller. */
	INVALID_TOKEN(400, "invalid_token", "invalid_token", "Invalid token."),

	/** 401: no credentials at all. */
	NOT_AUTHENTICATED(401, "not_authenticated", "not_authenticated", "Authentication credentials were not provided."),

	/** 403: authenticated, but not allowed. */
	PERMISSION_DENIED(403, "permission_denied", "permission_denied",
			"You do not have permission to perform this action."),

	/** 403: a form whose CSRF token is missing or does not match. */
	CSRF_FAILED(403, "csrf_failed", "csrf_failed",
			"CSRF check failed: the form is missing its token or the token does not match."),

	/** 403: a cookie refresh sent from an origin that is not allowed. */
	CSRF_ORIGIN(403, "csrf_failed", "csrf_origin",
			"CSRF check failed: the request comes from an origin that is not allowed."),

	/** 404. */
	NOT_FOUND(404, "not_found", "not_found", "Not found."),

	/** 405. */
	METHOD_NOT_ALLOWED(405, "method_not_allowed", "method_not_allowed", "Method not allowed."),

	/** 415. */
	UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "unsupported_media_type", "Unsupported media type."),

	/** 429: a rate limit was reached; the exception says when to retry. */
	THROTTLED(429, "throttled", "throttled", "Request was throttled."),

	/** 403: {@code jwtallauth.mfa.mode} is {@code disabled}. */
	MFA_DISABLED(403, "mfa_disabled", "mfa_disabled", "MFA TOTP is disabled."),

	/** 400: enrolment asked for by a user who is already enrolled. */
	MFA_ALREADY_ACTIVE(400, "mfa_already_active", "mfa_already_active", "TOTP already activated."),

	/** 400: activation without a pending setup. */
	MFA_SETUP_NOT_STARTED(400, "mfa_setup_not_started", "mfa_setup_not_started", "Setup not initiated."),

	/** 400: a wrong TOTP or recovery code. */
	MFA_INVALID_CODE(400, "mfa_invalid_code", "mfa_invalid_code", "Invalid code."),

	/** 400: an MFA challenge that is unknown, spent or expired. */
	MFA_CHALLENGE_INVALID(400, "mfa_challenge_invalid", "mfa_challenge_invalid", "Challenge expired or invalid."),

	/** 400: an MFA operation for a user who is not enrolled. */
	MFA_NOT_ACTIVE(400, "mfa_not_active", "mfa_not_active", "TOTP not activated."),

	/** 403: deactivation while {@code jwtallauth.mfa.mode} is {@code required}. */
	MFA_REQUIRED_MODE(403, "mfa_required_mode", "mfa_required_mode", "MFA TOTP is required and cannot be disabled."),

	/** 404: {@code jwtallauth.registration.enabled} is off. */
	REGISTRATION_CLOSED(404, "registration_closed", "registration_closed", "Registration is closed."),

	/** 500 unless the server chose another 5xx: never expected. */
	/** 404: the path names no configured social-login provider. */
	PROVIDER_NOT_CONFIGURED(404, "provider_not_configured", "provider_not_configured",
			"No such provider is configured."),

	/**
	 * 400: the provider cannot verify the credential this endpoint takes (no JWK set for
	 * an ID token, no user-info endpoint for an access token).
	 */
	FLOW_NOT_SUPPORTED(400, "flow_not_supported", "flow_not_supported", "This provider does not support this flow."),

	/** 400: the code flow's callback URL is not in jwtallauth.social.callback-urls. */
	CALLBACK_URL_NOT_ALLOWED(400, "callback_url_not_allowed", "callback_url_not_allowed",
			"The callback URL is not allowed."),

	/** 400: the provider vouches for no verified address, and one is required. */
	PROVIDER_EMAIL_UNVERIFIED(400, "provider_email_unverified", "provider_email_unverified",
			"The provider has not verified an e-mail address for this account."),

	/** 400: no account matches and automatic sign-up is off. */
	SIGNUP_NOT_ALLOWED(400, "signup_not_allowed", "signup_not_allowed",
			"Signing up with this provider is not allowed."),

	/** 400: the last social link of an account without a password cannot be removed. */
	DISCONNECT_NOT_ALLOWED(400, "disconnect_not_allowed", "disconnect_not_allowed",
			"This is the only way to sign in to this account."),

	/**
	 * 401: the provider's credential did not verify; the provider's own message is never
	 * relayed.
	 */
	INVALID_SOCIAL_TOKEN(401, "invalid_social_token", "invalid_social_token", "The provider rejected the credential."),

	/**
	 * 401: the client id names no client of this provider, or the credential was issued
	 * to another.
	 */
	CLIENT_ID_MISMATCH(401, "client_id_mismatch", "client_id_mismatch",
			"The credential was not issued for this application."),

	/** 403: no account matches and registration is admin-managed. */
	SIGNUP_CLOSED(403, "signup_closed", "signup_closed", "Sign-up is closed."),

	/** 403: an application rule vetoed the social login. */
	SOCIAL_LOGIN_REJECTED(403, "social_login_rejected", "social_login_rejected", "This sign-in was rejected."),

	/**
	 * 409: the provider's address belongs to an account and linking by address is off for
	 * this provider.
	 */
	EMAIL_ALREADY_REGISTERED(409, "email_already_registered", "email_already_registered",
			"An account with this e-mail address already exists. Sign in with it to connect this provider."),

	/**
	 * 409: the provider's address is held by an account that has been used but whose
	 * address is not proven.
	 */
	LOCAL_ACCOUNT_UNVERIFIED(409, "local_account_unverified", "local_account_unverified",
			"An account with this e-mail address exists but its address is not verified. Sign in with it and verify the address first."),

	/**
	 * 409: the provider account is already linked to someone else; a link is never
	 * re-pointed.
	 */
	SOCIAL_ACCOUNT_IN_USE(409, "social_account_in_use", "social_account_in_use",
			"This provider account is connected to another user."),

	SERVER_ERROR(500, "server_error", "server_error", "A server error occurred."),

	/**
	 * 503: a store the answer depends on (the database, a shared rate-limit store) cannot
	 * be reached; nothing was changed and the request may be repeated.
	 */
	UNAVAILABLE(503, "unavailable", "unavailable", "The service is temporarily unavailable.");

	private static final String KEY_PREFIX = "jwtallauth.problem.";

	private final int status;

	private final String code;

	private final String messageKey;

	private final String defaultDetail;

	ErrorCode(int status, String code, String key, String defaultDetail) {
		this.status = status;
		this.code = code;
		this.messageKey = KEY_PREFIX + key;
		this.defaultDetail = defaultDetail;
	}

	/**
	 * Return the HTTP status the failure is answered with.
	 * @return a 4xx or 5xx status code
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Return the {@code code} member of the problem document, the one clients branch on.
	 * @return the wire code
	 */
	public String code() {
		return this.code;
	}

	/**
	 * Return the key of the detail in the {@code MessageSource}.
	 * @return {@code jwtallauth.problem.} and the key's own name
	 */
	public String messageKey() {
		return this.messageKey;
	}

	/**
	 * Return the English detail used when no message source defines
	 * {@link #messageKey()}.
	 * @return the default detail
	 */
	public String defaultDetail() {
		return this.defaultDetail;
	}

}
