package io.github.jwtallauth.autoconfigure.mail;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A queued mail, table {@code jwt_allauth_mail_outbox}.
 *
 * @author jwt-allauth contributors
 */
@Entity
@Table(name = "jwt_allauth_mail_outbox")
class JwtAllAuthOutboxMail {

	/**
	 * Longest body, in characters, that every supported database stores (MySQL's TEXT).
	 */
	static final int MAX_BODY = 65535;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(name = "recipient", nullable = false, length = 254)
	private String recipient = "";

	@Column(name = "subject", nullable = false, length = 255)
	private String subject = "";

	@Column(name = "text_body", nullable = false, length = MAX_BODY)
	private String textBody = "";

	@Column(name = "html_body", length = MAX_BODY)
	private @Nullable String htmlBody;

	@Column(name = "created", nullable = false)
	private Instant created = Instant.EPOCH;

	@Column(name = "next_attempt", nullable = false)
	private Instant nextAttempt = Instant.EPOCH;

	@Column(name = "attempts", nullable = false)
	private int attempts;

	@Column(name = "last_error", length = 512)
	private @Nullable String lastError;

	@Column(name = "sent_at")
	private @Nullable Instant sentAt;

	protected JwtAllAuthOutboxMail() {
	}

	JwtAllAuthOutboxMail(OutgoingMail mail, Instant now) {
		this.recipient = mail.to();
		this.subject = mail.subject();
		this.textBody = mail.text();
		this.htmlBody = mail.html();
		this.created = now;
		this.nextAttempt = now;
	}

	PendingMail toPending() {
		return new PendingMail(this.id, this.nextAttempt, this.attempts,
				new OutgoingMail(this.recipient, this.subject, this.textBody, this.htmlBody));
	}

	/**
	 * A mail the sender may deliver.
	 *
	 * @param id the row id
	 * @param nextAttempt when it became due, used to claim it
	 * @param attempts the failed attempts so far
	 * @param mail the mail
	 */
	record PendingMail(Long id, Instant nextAttempt, int attempts, OutgoingMail mail) {
	}

}
