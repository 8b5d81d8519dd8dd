package io.github.jwtallauth.autoconfigure.test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.awaitility.Awaitility;

/**
 * Reads the mails a GreenMail server received: waits for them, parses their text and HTML
 * parts, and finds the link in them.
 */
public final class Mailbox {

	private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

	private final GreenMailExtension smtp;

	public Mailbox(GreenMailExtension smtp) {
		this.smtp = smtp;
	}

	/**
	 * Return every mail received so far for an address.
	 */
	public List<Mail> to(String to) {
		List<Mail> mails = new ArrayList<>();
		for (MimeMessage message : this.smtp.getReceivedMessages()) {
			try {
				if (message.getAllRecipients()[0].toString().equalsIgnoreCase(to)) {
					mails.add(parse(message));
				}
			}
			catch (MessagingException | IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return mails;
	}

	/**
	 * Wait for the next mail to an address, given how many it had.
	 */
	public Mail next(String to, int before) {
		return Awaitility.await("a mail to " + to)
			.atMost(Duration.ofSeconds(20))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> to(to), (mails) -> mails.size() > before)
			.get(before);
	}

	private static Mail parse(MimeMessage message) throws MessagingException, IOException {
		StringBuilder text = new StringBuilder();
		StringBuilder html = new StringBuilder();
		collect(message, text, html);
		return new Mail(message.getSubject(), text.toString(), html.toString());
	}

	private static void collect(Part part, StringBuilder text, StringBuilder html)
			throws MessagingException, IOException {
		if (part.isMimeType("text/plain")) {
			text.append(part.getContent());
		}
		else if (part.isMimeType("text/html")) {
			html.append(part.getContent());
		}
		else if (part.getContent() instanceof MimeMultipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				collect(body, text, html);
			}
		}
	}

	/**
	 * A received mail.
	 */
	public record Mail(String subject, String text, String html) {

		/** The one link of the plain-text part. */
		public String link() {
			Matcher matcher = LINK.matcher(this.text);
			if (!matcher.find()) {
				throw new AssertionError("No link in: " + this.text);
			}
			String link = matcher.group();
			if (matcher.find()) {
				throw new AssertionError("More than one link in: " + this.text);
			}
			return link;
		}

		/** The path and query of the link, to call on the test server. */
		public String linkPath() {
			return URI.create(link()).getRawPath();
		}

	}

}
