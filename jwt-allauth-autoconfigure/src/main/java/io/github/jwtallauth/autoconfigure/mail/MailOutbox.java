package io.github.jwtallauth.autoconfigure.mail;

/**
 * Where jwt-allauth puts the mails it sends. A mail is written in the same transaction as
 * the account change that causes it, and delivered later by a background sender: an SMTP
 * outage neither slows nor fails a request, and loses no mail. Declare a bean of this
 * type to replace jwt-allauth's outbox on the {@code jwt_allauth_mail_outbox} table.
 *
 * @author jwt-allauth contributors
 */
@FunctionalInterface
public interface MailOutbox {

	/**
	 * Queue a mail; it is sent once the current transaction (if any) commits.
	 * @param mail the mail
	 */
	void enqueue(OutgoingMail mail);

}
