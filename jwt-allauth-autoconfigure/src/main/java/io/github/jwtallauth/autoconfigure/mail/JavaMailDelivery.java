package io.github.jwtallauth.autoconfigure.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * {@link MailDelivery} over SMTP: a multipart/alternative message with the plain-text and
 * HTML bodies, from {@code spring.mail.*}'s server.
 *
 * @author jwt-allauth contributors
 */
final class JavaMailDelivery implements MailDelivery {

	private final JavaMailSender sender;

	private final String from;

	JavaMailDelivery(JavaMailSender sender, String from) {
		this.sender = sender;
		this.from = from;
	}

	@Override
	public void deliver(OutgoingMail mail) {
		MimeMessage message = this.sender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, mail.html() != null, "UTF-8");
			helper.setFrom(this.from);
			helper.setTo(mail.to());
			helper.setSubject(mail.subject());
			if (mail.html() != null) {
				helper.setText(mail.text(), mail.html());
			}
			else {
				helper.setText(mail.text());
			}
		}
		catch (MessagingException ex) {
			throw new MailPreparationException("Cannot build the mail to " + mail.to(), ex);
		}
		this.sender.send(message);
	}

}
