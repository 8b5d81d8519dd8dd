package io.github.jwtallauth.autoconfigure.mfa;

/**
 * What the MFA gate asks of a user who proved a password or a mailbox instead of opening
 * a session: a login challenge for an enrolled user, a setup challenge for one who must
 * enrol first ({@code required} mode). The web layer writes it as the answer's body.
 *
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 * @see MfaService#challenge(io.github.jwtallauth.autoconfigure.account.UserAccount)
 */
public sealed interface MfaChallenge permits MfaChallenge.Login, MfaChallenge.Setup {

	/**
	 * A login challenge, answered with a TOTP or a recovery code.
	 *
	 * @param challengeId the challenge id, which stands in for the session until the code
	 * arrives
	 */
	record Login(String challengeId) implements MfaChallenge {

		@Override
		public String toString() {
			return "Login[******]";
		}

	}

	/**
	 * A setup challenge: the user enrols with it before any session opens.
	 *
	 * @param setupChallengeId the setup challenge id
	 */
	record Setup(String setupChallengeId) implements MfaChallenge {

		@Override
		public String toString() {
			return "Setup[******]";
		}

	}

}
