package io.github.jwtallauth.autoconfigure.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.social.SocialLoginAttempt;
import io.github.jwtallauth.autoconfigure.social.SocialLoginPolicy;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.OidcProvider;
import io.github.jwtallauth.autoconfigure.test.Rfc6238;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Social login where every account must enrol in MFA before its first session, and where
 * the application vetoes some social logins with a {@link SocialLoginPolicy}: a veto
 * answers 403 and leaves no account, no link and no session behind.
 */
@SpringBootTest(classes = { TestApplication.class, SocialLoginRequiredMfaTests.Veto.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA, "jwtallauth.mfa.mode=required",
				"jwtallauth.mfa.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
				// a provider's unverified address may make an account here
				"jwtallauth.social.require-verified-email=false" })
class SocialLoginRequiredMfaTests extends SocialHttpTests {

	private static final String ISSUER = "required";

	private static final String REFUSED_DOMAIN = "@refused.example.com";

	@RegisterExtension
	static final OidcProvider provider = new OidcProvider();

	@Autowired
	Veto veto;

	@DynamicPropertySource
	static void registerProvider(DynamicPropertyRegistry registry) {
		provider.registerClient(registry, "oidc", ISSUER);
	}

	@Test
	void tokenWhenOwnerHasNotEnrolledThenSetupChallengeAndTheLinkIsWrittenWhenItEnrols() {
		String email = newAddress();
		owner(email);
		String subject = "sub-" + UUID.randomUUID();
		Response challenged = signIn(subject, email);
		assertThat(challenged.status()).as(challenged.toString()).isEqualTo(200);
		assertThat(challenged.json().get("mfa_setup_required").asBoolean()).isTrue();
		assertThat(challenged.json().has("access")).isFalse();
		assertThat(challenged.cookieValue("refresh_token")).isEmpty();
		assertThat(links(subject)).isZero();
		String setupChallenge = challenged.text("setup_challenge_id");
		String secret = this.http.post("/jwt-allauth/mfa/setup")
			.json("{\"setup_challenge_id\":\"" + setupChallenge + "\"}")
			.send()
			.text("secret");
		Response activated = this.http.post("/jwt-allauth/mfa/activate")
			.json("{\"setup_challenge_id\":\"" + setupChallenge + "\",\"code\":\""
					+ Rfc6238.code(secret, Instant.now(), 6) + "\"}")
			.send();
		assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
		assertThat(activated.text("access")).isNotBlank();
		assertThat(links(subject)).isEqualTo(1);
	}

	@Test
	void tokenWhenNewProviderAccountThenCreatedAndLinkedButNoSessionBeforeEnrolment() {
		String email = newAddress();
		String subject = "sub-" + UUID.randomUUID();
		Response challenged = signIn(subject, email);
		assertThat(challenged.status()).as(challenged.toString()).isEqualTo(200);
		assertThat(challenged.json().get("mfa_setup_required").asBoolean()).isTrue();
		assertThat(challenged.json().has("access")).isFalse();
		assertThat(this.accounts.findByEmail(email)).isPresent();
		// its only way in: the account has no password
		assertThat(links(subject)).isEqualTo(1);
	}

	@Test
	void tokenWhenPolicyRefusesThenForbiddenAndNothingWritten() {
		String email = "someone-" + UUID.randomUUID() + REFUSED_DOMAIN;
		String subject = "sub-" + UUID.randomUUID();
		Response refused = signIn(subject, email);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
		assertThat(refused.text("code")).isEqualTo("social_login_rejected");
		assertThat(refused.cookieValue("refresh_token")).isEmpty();
		assertThat(this.accounts.findByEmail(email)).isEmpty();
		assertThat(links(subject)).isZero();
		assertThat(this.veto.asked).anySatisfy((attempt) -> {
			assertThat(attempt.kind()).isEqualTo(SocialLoginAttempt.Kind.SIGN_UP);
			assertThat(attempt.account()).isNull();
			assertThat(attempt.identity().uid()).isEqualTo(subject);
		});
	}

	@Test
	void tokenWhenPolicyRefusesAnOwnerThenNotLinkedAndNoChallenge() {
		String email = "owner-" + UUID.randomUUID() + REFUSED_DOMAIN;
		UserAccount owner = owner(email);
		String subject = "sub-" + UUID.randomUUID();
		Response refused = signIn(subject, email);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
		assertThat(refused.text("code")).isEqualTo("social_login_rejected");
		assertThat(refused.json().has("setup_challenge_id")).isFalse();
		assertThat(links(subject)).isZero();
		assertThat(this.veto.asked).anySatisfy((attempt) -> {
			assertThat(attempt.kind()).isEqualTo(SocialLoginAttempt.Kind.SIGN_IN);
			assertThat(attempt.account()).isNotNull();
			assertThat(attempt.account().getId()).isEqualTo(owner.getId());
		});
	}

	@Test
	void tokenWhenAnAccountWasMadeFromAnUnverifiedAddressThenItNeverTakesInTheAddresssOwner() {
		String email = newAddress();
		String squatter = "sub-" + UUID.randomUUID();
		// a provider account that claims the address without having verified it
		String squatterToken = provider.idToken(ISSUER).subject(squatter).email(email, false).sign();
		Response squatted = this.http.post("/jwt-allauth/social/oidc/token")
			.json("{\"id_token\":\"" + squatterToken + "\",\"client_id\":\"" + OidcProvider.CLIENT_ID + "\"}")
			.send();
		assertThat(squatted.status()).as(squatted.toString()).isEqualTo(200);
		UserAccount squattersAccount = this.accounts.findByEmail(email).orElseThrow();
		assertThat(squattersAccount.isEmailVerified()).isFalse();
		assertThat(squattersAccount.getPassword()).isNull();
		// the address's verified owner signs in: not into that account
		String owner = "sub-" + UUID.randomUUID();
		Response signedIn = signIn(owner, email);
		assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
		UserAccount ownersAccount = this.accounts.findByEmail(email).orElseThrow();
		assertThat(ownersAccount.getId()).isNotEqualTo(squattersAccount.getId());
		assertThat(ownersAccount.isEmailVerified()).isTrue();
		assertThat(this.accounts.findById(squattersAccount.getId())).isEmpty();
		assertThat(links(owner)).isEqualTo(1);
		assertThat(links(squatter)).isZero();
	}

	private Response signIn(String subject, String email) {
		String token = provider.idToken(ISSUER).subject(subject).email(email, true).sign();
		return this.http.post("/jwt-allauth/social/oidc/token")
			.json("{\"id_token\":\"" + token + "\",\"client_id\":\"" + OidcProvider.CLIENT_ID + "\"}")
			.send();
	}

	/**
	 * Refuses every provider account with an address at one domain, and remembers what it
	 * was asked.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Veto implements SocialLoginPolicy {

		final List<SocialLoginAttempt> asked = new CopyOnWriteArrayList<>();

		@Override
		public boolean permits(SocialLoginAttempt attempt) {
			this.asked.add(attempt);
			return attempt.identity().verifiedEmails().stream().noneMatch((email) -> email.endsWith(REFUSED_DOMAIN));
		}

	}

}
