package io.github.jwtallauth.autoconfigure.flows;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code jwtallauth.sessions.reuse-alert-mail=false}, a replayed refresh token still
 * closes its session, and nobody is mailed.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA, "jwtallauth.sessions.reuse-alert-mail=false" })
class ReuseAlertMailOffTests extends MailFlowTestSupport {

	@Test
	void refreshWhenTokenReplayedAndAlertOffThenSessionClosedAndNoMail() {
		String email = newAddress();
		String userId = userWithPassword(email).getId();
		Response login = login(email, TestUsers.PASSWORD);
		String stolen = login.cookieValue("refresh_token").orElseThrow();
		Response rotated = refresh(stolen);
		assertThat(rotated.status()).isEqualTo(200);
		Response replayed = refresh(stolen);
		assertThat(replayed.status()).isEqualTo(401);
		assertThat(replayed.text("code")).isEqualTo("token_not_valid");
		// the session is closed: its newest token is refused too
		assertThat(refresh(rotated.cookieValue("refresh_token").orElseThrow()).status()).isEqualTo(401);
		assertThat(queuedRecipients()).isEmpty();
		assertThat(this.jdbc.queryForObject("select count(*) from jwt_allauth_reuse_alert where user_id = ?",
				Integer.class, userId))
			.isZero();
	}

}
