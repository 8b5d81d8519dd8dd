package io.github.jwtallauth.autoconfigure.mail;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.session.RefreshTokenReuseDetectedEvent;

/**
 * Writes the account mails (verification, invitation, password reset, "account already
 * exists") from their templates ({@code jwtallauth.templates.*}) into the
 * {@link MailOutbox}, in the caller's transaction. Every template gets the variables
 * {@code user}, {@code email} and, except the "account already exists" notice,
 * {@code link}. The refresh-token reuse alert has fixed template names,
 * {@code jwtallauth/mail/reuse-alert-subject} and {@code jwtallauth/mail/reuse-alert},
 * which an application replaces by putting templates with those names on its classpath.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class AccountMailer {

	/** Subject template of the refresh-token reuse alert. */
	static final String REUSE_ALERT_SUBJECT = "jwtallauth/mail/reuse-alert-subject";

	/** Body templates of the refresh-token reuse alert. */
	static final String REUSE_ALERT = "jwtallauth/mail/reuse-alert";

	private static final DateTimeFormatter OCCURRED_AT = DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private final MailOutbox outbox;

	private final JwtAllAuthTemplates templates;

	private final JwtAllAuthProperties.Templates names;

	AccountMailer(MailOutbox outbox, JwtAllAuthTemplates templates, JwtAllAuthProperties.Templates names) {
		Assert.notNull(outbox, "'outbox' must not be null");
		Assert.notNull(templates, "'templates' must not be null");
		this.outbox = outbox;
		this.templates = templates;
		this.names = names;
		checkTemplates(names);
	}

	// A misspelt template name would otherwise surface as a mail that never leaves, at
	// the first
	// sign-up in production.
	private static void checkTemplates(JwtAllAuthProperties.Templates names) {
		Map<String, List<String>> required = new LinkedHashMap<>();
		required.put("verification-subject", List.of(names.verificationSubject() + ".txt"));
		required.put("verification", List.of(names.verification() + ".txt", names.verification() + ".html"));
		required.put("password-reset-subject", List.of(names.passwordResetSubject() + ".txt"));
		required.put("password-reset", List.of(names.passwordReset() + ".txt", names.passwordReset() + ".html"));
		required.put("invitation-subject", List.of(names.invitationSubject() + ".txt"));
		required.put("invitation", List.of(names.invitation() + ".txt", names.invitation() + ".html"));
		required.put("account-exists-subject", List.of(names.accountExistsSubject() + ".txt"));
		required.put("account-exists", List.of(names.accountExists() + ".txt", names.accountExists() + ".html"));
		required.put("reuse-alert-subject", List.of(REUSE_ALERT_SUBJECT + ".txt"));
		required.put("reuse-alert", List.of(REUSE_ALERT + ".txt", REUSE_ALERT + ".html"));
		required.put("verification-failed", List.of(names.verificationFailed() + ".html"));
		required.forEach((property, files) -> files
			.forEach((file) -> Assert.state(JwtAllAuthTemplates.exists(file), () -> "jwtallauth.templates." + property
					+ " names a template that does not exist: classpath:" + JwtAllAuthTemplates.PREFIX + file)));
	}

	/**
	 * Queue the mail that verifies a new address.
	 * @param user the user
	 * @param link the verification link
	 * @param locale the language of the mail
	 */
	public void sendVerification(UserAccount user, String link, Locale locale) {
		send(user, this.names.verificationSubject(), this.names.verification(), link, locale);
	}

	/**
	 * Queue the invitation mail.
	 * @param user the invited user
	 * @param link the invitation link
	 * @param locale the language of the mail
	 */
	public void sendInvitation(UserAccount user, String link, Locale locale) {
		send(user, this.names.invitationSubject(), this.names.invitation(), link, locale);
	}

	/**
	 * Queue the password-reset mail.
	 * @param user the user
	 * @param link the reset link
	 * @param locale the language of the mail
	 */
	public void sendPasswordReset(UserAccount user, String link, Locale locale) {
		send(user, this.names.passwordResetSubject(), this.names.passwordReset(), link, locale);
	}

	/**
	 * Queue the notice sent instead of a verification mail when someone signs up with an
	 * address that already has an account (mandatory verification hides that from the
	 * caller).
	 * @param user the existing account
	 * @param locale the language of the mail
	 */
	public void sendAccountExists(UserAccount user, Locale locale) {
		send(user, this.names.accountExistsSubject(), this.names.accountExists(), null, locale);
	}

	/**
	 * Queue the alert that a replayed refresh token closed one of the user's sessions.
	 * Besides {@code user} and {@code email}, the templates get {@code occurredAt} (the
	 * time, formatted in UTC), {@code browser}, {@code os}, {@code device},
	 * {@code ipAddress} (each {@code null} when not recorded) and {@code link} (where to
	 * change the password, {@code null} for none). No token goes into this mail.
	 * @param user the owner of the closed session
	 * @param replay when the replayed token was presented and the closed session's
	 * recorded client
	 * @param link the page where the password is changed, or {@code null} for none
	 * @param locale the language of the mail
	 */
	public void sendReuseAlert(UserAccount user, RefreshTokenReuseDetectedEvent replay, @Nullable String link,
			Locale locale) {
		Map<String, @Nullable Object> variables = new LinkedHashMap<>();
		variables.put("occurredAt", OCCURRED_AT.format(replay.getOccurredAt()));
		variables.put("browser", replay.getBrowser());
		variables.put("os", replay.getOs());
		variables.put("device", replay.getDevice());
		variables.put("ipAddress", replay.getIpAddress());
		send(user, REUSE_ALERT_SUBJECT, REUSE_ALERT, link, locale, variables);
	}

	private void send(UserAccount user, String subjectTemplate, String bodyTemplate, @Nullable String link,
			Locale locale) {
		send(user, subjectTemplate, bodyTemplate, link, locale, Map.of());
	}

	private void send(UserAccount user, String subjectTemplate, String bodyTemplate, @Nullable String link,
			Locale locale, Map<String, @Nullable Object> extra) {
		Map<String, @Nullable Object> variables = new LinkedHashMap<>(extra);
		variables.put("user", user);
		variables.put("email", user.getEmail());
		if (link != null) {
			variables.put("link", link);
		}
		String subject = this.templates.render(subjectTemplate + ".txt", locale, variables).strip();
		String text = this.templates.render(bodyTemplate + ".txt", locale, variables);
		String html = this.templates.render(bodyTemplate + ".html", locale, variables);
		// one line: a template's stray newline must not become a header injection
		this.outbox.enqueue(new OutgoingMail(user.getEmail(), subject.replaceAll("[\\r\\n]+", " "), text, html));
	}

}
