package io.github.jwtallauth.autoconfigure;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The Micrometer observations jwt-allauth makes: each becomes a timer of its name (with
 * Boot's Micrometer support) and a span (with a tracing bridge). Every key is of low
 * cardinality: its values are the few listed on {@link Key}, never a user id, an e-mail
 * address or a token. Applications reference the constants to filter or switch off an
 * observation, with an {@code ObservationPredicate} for one, or to add key values of
 * their own with a {@code GlobalObservationConvention}.
 *
 * @author jwt-allauth contributors
 */
public enum JwtAllAuthObservation implements ObservationDocumentation {

	/** {@code POST /login}: a password sign-in, until a session or an MFA challenge. */
	LOGIN("jwtallauth.login", Key.OUTCOME, Key.CODE, Key.METHOD, Key.MFA),

	/** {@code POST /refresh}: one refresh-token rotation. */
	REFRESH("jwtallauth.refresh", Key.OUTCOME, Key.CODE, Key.METHOD),

	/** {@code POST /logout} and {@code POST /logout-all}. */
	LOGOUT("jwtallauth.logout", Key.OUTCOME, Key.CODE, Key.SCOPE),

	/**
	 * {@code POST /mfa/verify} and {@code POST /mfa/verify-recovery}: a login challenge
	 * met.
	 */
	MFA_VERIFY("jwtallauth.mfa.verify", Key.OUTCOME, Key.CODE, Key.METHOD),

	/**
	 * {@code POST /social/{provider}/token} and {@code /code}: a sign-in with a provider.
	 */
	SOCIAL_LOGIN("jwtallauth.social.login", Key.OUTCOME, Key.CODE, Key.METHOD, Key.MFA),

	/** One attempt of the background sender to hand a queued mail to the delivery. */
	MAIL_DELIVERY("jwtallauth.mail.delivery", Key.OUTCOME, Key.CODE);

	/** The value of {@link Key#CODE} when the operation succeeded. */
	public static final String NO_CODE = "none";

	private final String name;

	private final String contextualName;

	private final KeyName[] keys;

	JwtAllAuthObservation(String name, KeyName... keys) {
		this.name = name;
		// a span's name: "jwtallauth refresh", as Spring names its own ("http post");
		// computed once, since the refresh asks for it on every call
		this.contextualName = name.replace('.', ' ');
		this.keys = keys;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName() {
		return this.contextualName;
	}

	@Override
	public KeyName[] getLowCardinalityKeyNames() {
		return this.keys.clone();
	}

	/**
	 * The low-cardinality keys. Each observation always carries all of its keys, so that
	 * every timer of one name has the same tags, as Prometheus requires.
	 */
	public enum Key implements KeyName {

		/** {@code success}, or {@code failure} when the operation threw. */
		OUTCOME("outcome"),

		/**
		 * The problem {@code code} the client received ({@code incorrect_credentials},
		 * {@code throttled}, …: one of a fixed set) or {@code server_error} for an
		 * unexpected failure; for a mail, {@code retry} or {@code given_up} (the last
		 * attempt failed); {@code none} on success.
		 */
		CODE("code"),

		/**
		 * How the caller proved who they are: {@code password} for a login;
		 * {@code id_token}, {@code access_token} or {@code code} for a social sign-in;
		 * {@code totp} or {@code recovery_code} for an MFA verification; and where the
		 * refresh token came from, {@code cookie} or {@code body}, for a refresh.
		 */
		METHOD("method"),

		/**
		 * {@code required} when the answer was an MFA challenge (or a setup challenge)
		 * instead of a session, or the user's second factor is locked; {@code none}
		 * otherwise.
		 */
		MFA("mfa"),

		/** {@code session} for a logout, {@code all} for a logout-all. */
		SCOPE("scope");

		private final String key;

		Key(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

}
