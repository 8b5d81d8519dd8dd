package io.github.jwtallauth.autoconfigure.mfa;

import org.springframework.context.event.EventListener;

import io.github.jwtallauth.autoconfigure.account.PasswordChangedEvent;
import io.github.jwtallauth.autoconfigure.account.PasswordResetEvent;
import io.github.jwtallauth.autoconfigure.account.PasswordSetEvent;
import io.github.jwtallauth.autoconfigure.session.UserLoggedOutEvent;

/**
 * Ends a user's pending MFA challenges when the credentials change or every session ends:
 * a challenge got with the old password (a setup challenge in {@code required} mode
 * stands in for a session) must not survive what ends the sessions.
 *
 * @author jwt-allauth contributors
 */
final class MfaChallengeRevoker {

	private final MfaService mfa;

	MfaChallengeRevoker(MfaService mfa) {
		this.mfa = mfa;
	}

	@EventListener
	void on(PasswordChangedEvent event) {
		this.mfa.forgetChallenges(event.getUserId());
	}

	@EventListener
	void on(PasswordResetEvent event) {
		this.mfa.forgetChallenges(event.getUserId());
	}

	@EventListener
	void on(PasswordSetEvent event) {
		this.mfa.forgetChallenges(event.getUserId());
	}

	@EventListener
	void on(UserLoggedOutEvent event) {
		if ("*".equals(event.getSessionId())) {
			this.mfa.forgetChallenges(event.getUserId());
		}
	}

}
