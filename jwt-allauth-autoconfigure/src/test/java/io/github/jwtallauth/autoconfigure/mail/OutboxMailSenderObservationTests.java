package io.github.jwtallauth.autoconfigure.mail;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import io.github.jwtallauth.autoconfigure.mail.JwtAllAuthOutboxMail.PendingMail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Each delivery attempt of the background sender is one {@code jwtallauth.mail.delivery}
 * observation: {@code success}, or {@code failure} with {@code retry} or, on the last
 * attempt, {@code given_up}. The mail server's answer, which may quote the recipient, is
 * never attached.
 */
class OutboxMailSenderObservationTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private static final String RECIPIENT = "ada@example.com";

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final JpaMailOutbox outbox = mock(JpaMailOutbox.class);

	@Test
	void deliveryWhenTheMailLeavesThenSuccess() {
		send(0, (mail) -> {
		});
		assertThat(single().getLowCardinalityKeyValues())
			.containsExactlyInAnyOrderElementsOf(KeyValues.of("outcome", "success", "code", "none"));
	}

	@Test
	void deliveryWhenRefusedThenFailureToRetryWithoutTheServersAnswer() {
		send(3, (mail) -> {
			throw new IllegalStateException("550 " + RECIPIENT + ": mailbox unavailable");
		});
		Observation.Context context = single();
		assertThat(context.getLowCardinalityKeyValues())
			.containsExactlyInAnyOrderElementsOf(KeyValues.of("outcome", "failure", "code", "retry"));
		assertThat(context.getError()).isNull();
		assertThat(context.getHighCardinalityKeyValues()).isEmpty();
	}

	@Test
	void deliveryWhenTheLastAttemptFailsThenGivenUp() {
		send(OutboxMailSender.MAX_ATTEMPTS - 1, (mail) -> {
			throw new IllegalStateException("connection refused");
		});
		assertThat(single().getLowCardinalityKeyValues())
			.containsExactlyInAnyOrderElementsOf(KeyValues.of("outcome", "failure", "code", "given_up"));
	}

	private void send(int attemptsSoFar, MailDelivery delivery) {
		PendingMail pending = new PendingMail(1L, NOW, attemptsSoFar,
				new OutgoingMail(RECIPIENT, "Welcome", "Hello", null));
		given(this.outbox.due(any(), anyInt(), anyInt())).willReturn(List.of(pending));
		given(this.outbox.claim(any(), any())).willReturn(true);
		new OutboxMailSender(this.outbox, delivery, Clock.fixed(NOW, ZoneOffset.UTC), this.observations).sendDue();
	}

	private Observation.Context single() {
		List<Observation.Context> found = new ArrayList<>();
		assertThat(this.observations).hasHandledContextsThatSatisfy(found::addAll);
		assertThat(found).singleElement()
			.satisfies((context) -> assertThat(context.getName()).isEqualTo("jwtallauth.mail.delivery"));
		return found.get(0);
	}

}
