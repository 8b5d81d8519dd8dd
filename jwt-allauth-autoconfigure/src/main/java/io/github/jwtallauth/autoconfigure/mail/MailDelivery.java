package io.github.jwtallauth.autoconfigure.mail;

/**
 * Hands one mail to the outside world. By default it is sent over SMTP with Spring's
 * {@code JavaMailSender}; without {@code spring.mail.host} (or without Spring's mail
 * support on the classpath), it is written to the log for development. Declare a bean of
 * this type to use something else (an HTTP mail API, for one), with or without Spring's
 * mail support.
 *
 * @author jwt-allauth contributors
 */
@FunctionalInterface
public interface MailDelivery {

	/**
	 * Deliver a mail.
	 * @param mail the mail
	 * @throws RuntimeException if it could not be delivered; the outbox retries later
	 */
	void deliver(OutgoingMail mail);

}
