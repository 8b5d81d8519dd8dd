package io.github.jwtallauth.autoconfigure.mail;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * {@link MailDelivery} for development without an SMTP server: writes each mail, links
 * included, to the log. Used only when no {@code JavaMailSender} exists
 * ({@code spring.mail.host} unset, or Spring's mail support not on the classpath), with a
 * warning at start-up; never in production.
 *
 * @author jwt-allauth contributors
 */
final class LoggingMailDelivery implements MailDelivery {

	private static final Log logger = LogFactory.getLog(LoggingMailDelivery.class);

	LoggingMailDelivery() {
		this("No spring.mail.host is set: jwt-allauth writes its mails to this log instead of sending them. "
				+ "Set spring.mail.host (and spring.mail.port, username, password) in production.");
	}

	/**
	 * Create the delivery, saying why at start-up.
	 * @param warning why mails go to the log, logged once
	 */
	LoggingMailDelivery(String warning) {
		logger.warn(warning);
	}

	@Override
	public void deliver(OutgoingMail mail) {
		logger.info("Mail to " + mail.to() + "\nSubject: " + mail.subject() + "\n\n" + mail.text());
	}

}
