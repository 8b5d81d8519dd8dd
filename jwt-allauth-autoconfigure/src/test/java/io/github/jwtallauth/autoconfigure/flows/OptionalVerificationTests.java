package io.github.jwtallauth.autoconfigure.flows;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.Mailbox.Mail;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-up with {@code email-verification=optional}: a session at once, and the
 * {@code email_verified} claim turns true on the refresh after the link is followed. Also
 * the Spanish mail.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA,
				"jwtallauth.email-verification=optional",
				"jwtallauth.redirects.email-verified=https://app.example.com/welcome" })
class OptionalVerificationTests extends MailFlowTestSupport {

	static final String PASSWORD = "Tr0ub4dor&3-horse";

	@Test
	void signUpWhenOptionalThenSessionAtOnceAndClaimTurnsTrueOnTheNextRefresh() {
		String email = newAddress();
		Response signedUp = this.http.post("/jwt-allauth/registration")
			.json(json("email", email, "password1", PASSWORD, "password2", PASSWORD))
			.send();
		assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
		assertThat(claims(signedUp.text("access"))).contains("\"email_verified\":false");
		Mail mail = this.mailbox.next(email, 0);
		Response followed = this.http.get(mail.linkPath()).send();
		assertThat(followed.status()).isEqualTo(302);
		assertThat(followed.header("Location")).hasValue("https://app.example.com/welcome");
		Response refreshed = refresh(signedUp.cookieValue("refresh_token").orElseThrow());
		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(claims(refreshed.text("access"))).contains("\"email_verified\":true");
	}

	@Test
	void signUpWhenSpanishRequestedThenMailInSpanish() {
		String email = newAddress();
		Response signedUp = this.http.post("/jwt-allauth/registration")
			.header("Accept-Language", "es-ES,es;q=0.9")
			.json(json("email", email, "password1", PASSWORD, "password2", PASSWORD))
			.send();
		assertThat(signedUp.status()).isEqualTo(201);
		Mail mail = this.mailbox.next(email, 0);
		assertThat(mail.subject()).isEqualTo("Confirma tu dirección de correo electrónico");
		assertThat(mail.text()).contains("Gracias por registrarte");
		assertThat(mail.html()).contains("Verificar dirección de correo");
	}

	private static String claims(String jwt) {
		return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
	}

}
