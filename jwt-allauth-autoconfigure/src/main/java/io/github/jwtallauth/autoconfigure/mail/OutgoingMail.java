package io.github.jwtallauth.autoconfigure.mail;

import org.jspecify.annotations.Nullable;

/**
 * A mail to send.
 *
 * @param to the recipient's address
 * @param subject the subject
 * @param text the plain-text body
 * @param html the HTML body, or {@code null} for a text-only mail
 * @author jwt-allauth contributors
 */
public record OutgoingMail(String to, String subject, String text, @Nullable String html) {

	@Override
	public String toString() {
		// bodies carry one-time links: never in a log line
		return "OutgoingMail[to=" + this.to + ", subject=" + this.subject + "]";
	}

}
