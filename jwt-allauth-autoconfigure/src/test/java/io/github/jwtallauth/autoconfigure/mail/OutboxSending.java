package io.github.jwtallauth.autoconfigure.mail;

import org.springframework.context.ApplicationContext;

/**
 * Lets the tests of other packages send the outbox's due mails at once, as its sender
 * would at its next poll, without naming the sender's type.
 */
public final class OutboxSending {

	private OutboxSending() {
	}

	/**
	 * Send every mail that is due on the application's clock.
	 * @param context the application
	 * @return the number of mails delivered
	 */
	public static int sendDue(ApplicationContext context) {
		return context.getBean(OutboxMailSender.class).sendDue();
	}

}
