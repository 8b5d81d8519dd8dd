package io.github.jwtallauth.autoconfigure.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.test.MutableClock;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox against a real SMTP server in the JVM: mails leave only after their
 * transaction commits, arrive with both bodies, and survive an SMTP outage.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK,
		properties = { TestProperties.JWT_SECRET, "jwtallauth.mail.from=accounts@example.com",
				TestProperties.VALIDATE_SCHEMA })
@Import(MailOutboxTests.ClockConfiguration.class)
public class MailOutboxTests {

	static final int SMTP_PORT = freePort();

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
		.withPerMethodLifecycle(true);

	@Autowired
	MailOutbox outbox;

	@Autowired
	OutboxMailSender sender;

	@Autowired
	MutableClock clock;

	@Autowired
	MailDelivery delivery;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@DynamicPropertySource
	static void smtpServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
	}

	@BeforeEach
	void forgetMailsOfEarlierRuns() {
		// the PostgreSQL and MariaDB variants share long-lived databases with other test
		// runs
		this.jdbc.update("update jwt_allauth_mail_outbox set sent_at = created where sent_at is null");
	}

	@Test
	void enqueueWhenCommittedThenDeliveredWithTextAndHtmlParts() throws Exception {
		String to = recipient();
		this.outbox.enqueue(new OutgoingMail(to, "Welcome!", "Hello in text", "<p>Hello in <b>HTML</b></p>"));
		this.sender.sendDue();
		assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
		MimeMessage received = smtp.getReceivedMessagesForDomain(to.substring(to.indexOf('@') + 1))[0];
		assertThat(received.getSubject()).isEqualTo("Welcome!");
		assertThat(received.getFrom()[0].toString()).isEqualTo("accounts@example.com");
		assertThat(received.getAllRecipients()[0].toString()).isEqualTo(to);
		String raw = GreenMailUtil.getWholeMessage(received);
		assertThat(raw).contains("multipart/alternative", "Hello in text", "<p>Hello in <b>HTML</b></p>");
		assertThat(received.getContent()).isInstanceOf(MimeMultipart.class);
		assertThat(row(to, "sent_at")).isNotNull();
		// once sent, the bodies (and the one-time links in them) are gone from the table
		assertThat(row(to, "text_body")).isEqualTo("");
		assertThat(row(to, "html_body")).isNull();
	}

	@Test
	void enqueueWhenTransactionRollsBackThenNothingIsSent() {
		String to = recipient();
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.outbox.enqueue(new OutgoingMail(to, "Never", "rolled back", null));
			status.setRollbackOnly();
		});
		this.sender.sendDue();
		assertThat(this.jdbc.queryForObject("select count(*) from jwt_allauth_mail_outbox where recipient = ?",
				Integer.class, to))
			.isZero();
		assertThat(smtp.getReceivedMessagesForDomain(to.substring(to.indexOf('@') + 1))).isEmpty();
	}

	@Test
	void deliveryWhenSmtpDownThenRetriedWithBackoffAndDeliveredLater() throws Exception {
		String to = recipient();
		smtp.stop();
		this.outbox.enqueue(new OutgoingMail(to, "Patience", "sent when the server is back", null));
		this.sender.sendDue();
		assertThat(this.jdbc.queryForObject("select attempts from jwt_allauth_mail_outbox where recipient = ?",
				Integer.class, to))
			.isEqualTo(1);
		assertThat(row(to, "last_error")).isNotNull();
		assertThat(row(to, "sent_at")).isNull();
		smtp.start();
		this.sender.sendDue();
		assertThat(smtp.getReceivedMessages()).as("not due before its backoff").isEmpty();
		this.clock.advance(Duration.ofSeconds(31));
		this.sender.sendDue();
		assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
		assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Patience");
		assertThat(row(to, "sent_at")).isNotNull();
	}

	@Test
	void deliveryWhenSmtpConfiguredThenOverSmtp() {
		assertThat(this.delivery).isInstanceOf(JavaMailDelivery.class);
	}

	@Test
	void backoffWhenAttemptsGrowThenDoublesUpToAnHour() {
		assertThat(OutboxMailSender.backoff(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(OutboxMailSender.backoff(2)).isEqualTo(Duration.ofSeconds(60));
		assertThat(OutboxMailSender.backoff(8)).isEqualTo(Duration.ofHours(1));
		assertThat(OutboxMailSender.backoff(60)).isEqualTo(Duration.ofHours(1));
	}

	Object row(String to, String column) {
		return this.jdbc.queryForList("select " + column + " from jwt_allauth_mail_outbox where recipient = ?", to)
			.get(0)
			.values()
			.iterator()
			.next();
	}

	static String recipient() {
		return "someone@" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ClockConfiguration {

		@Bean
		MutableClock clock() {
			return new MutableClock(Instant.now());
		}

	}

}
