package io.github.jwtallauth.autoconfigure.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.OidcProvider;
import io.github.jwtallauth.autoconfigure.test.Rfc6238;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Social login under stricter settings: linking by address allowed for one provider only,
 * registration managed by administrators, and MFA on. Two registrations of the same
 * provider stand for two providers.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA,
				"jwtallauth.social.email-linking=linking", "jwtallauth.registration.admin-managed=true",
				"jwtallauth.mfa.mode=optional",
				"jwtallauth.mfa.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" })
class SocialLoginPolicyTests extends SocialHttpTests {

	private static final String ISSUER = "policy";

	@RegisterExtension
	static final OidcProvider provider = new OidcProvider();

	@DynamicPropertySource
	static void registerProviders(DynamicPropertyRegistry registry) {
		provider.registerClient(registry, "linking", ISSUER);
		provider.registerClient(registry, "strict", ISSUER);
	}

	@Test
	void tokenWhenProviderMayNotLinkByAddressThenTheOwnerIsNotSignedIn() {
		String email = newAddress();
		owner(email);
		String subject = "sub-" + UUID.randomUUID();
		Response refused = signIn("strict", subject, email);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat(refused.text("code")).isEqualTo("email_already_registered");
		assertThat(refused.cookieValue("refresh_token")).isEmpty();
		assertThat(links(subject)).isZero();
		// the provider allowed to link signs the same owner in
		assertThat(signIn("linking", subject, email).status()).isEqualTo(200);
		assertThat(links(subject)).isEqualTo(1);
	}

	@Test
	void tokenWhenRegistrationIsAdminManagedThenNoAccountIsCreated() {
		String email = newAddress();
		String subject = "sub-" + UUID.randomUUID();
		Response refused = signIn("linking", subject, email);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text("code")).isEqualTo("signup_closed");
		assertThat(this.accounts.findByEmail(email)).isEmpty();
		assertThat(links(subject)).isZero();
	}

	@Test
	void tokenWhenOwnerHasMfaThenChallengeFirstAndTheLinkIsWrittenOnlyOnceThatChallengeIsPassed() {
		String email = newAddress();
		owner(email);
		List<String> recoveryCodes = enrol(email);
		String subject = "sub-" + UUID.randomUUID();
		Response challenged = signIn("linking", subject, email);
		assertThat(challenged.status()).as(challenged.toString()).isEqualTo(200);
		assertThat(challenged.json().get("mfa_required").asBoolean()).isTrue();
		assertThat(challenged.text("challenge_id")).isNotBlank();
		assertThat(challenged.json().has("access")).isFalse();
		assertThat(challenged.cookieValue("refresh_token")).isEmpty();
		// a provider account cannot stand in for the second factor: nothing was linked
		assertThat(links(subject)).isZero();

		// the owner passing another challenge (a password login's) links nothing
		String passwordChallenge = this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(email, TestUsers.PASSWORD))
			.send()
			.text("challenge_id");
		Response other = this.http.post("/jwt-allauth/mfa/verify-recovery")
			.json("{\"challenge_id\":\"" + passwordChallenge + "\",\"recovery_code\":\"" + recoveryCodes.get(0) + "\"}")
			.send();
		assertThat(other.status()).as(other.toString()).isEqualTo(200);
		assertThat(links(subject)).isZero();

		// passing the social sign-in's own challenge writes its link
		Response verified = this.http.post("/jwt-allauth/mfa/verify-recovery")
			.json("{\"challenge_id\":\"" + challenged.text("challenge_id") + "\",\"recovery_code\":\""
					+ recoveryCodes.get(1) + "\"}")
			.send();
		assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
		assertThat(verified.text("access")).isNotBlank();
		assertThat(links(subject)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("select count(*) from jwt_allauth_social_pending_link where uid = ?",
				Long.class, subject))
			.isZero();
		// and from now on the provider account still owes the second factor
		Response next = signIn("linking", subject, email);
		assertThat(next.json().get("mfa_required").asBoolean()).isTrue();
	}

	@Test
	void tokenWhenOnlyAnAccessTokenOfAProviderNotTrustedForItThenRefusedWithoutAskingTheProvider() {
		String email = newAddress();
		String subject = "sub-" + UUID.randomUUID();
		String accessToken = provider.accessToken(ISSUER, subject, Map.of("email", email, "email_verified", true));
		provider.takeRequests();
		Response refused = this.http.post("/jwt-allauth/social/linking/token")
			.json("{\"access_token\":\"" + accessToken + "\",\"client_id\":\"" + OidcProvider.CLIENT_ID + "\"}")
			.send();
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.text("code")).isEqualTo("flow_not_supported");
		// any other application's token would be answered for there: it is not asked
		assertThat(provider.takeRequests()).noneMatch((request) -> request.endsWith("/userinfo"));
		assertThat(this.accounts.findByEmail(email)).isEmpty();
		assertThat(links(subject)).isZero();
	}

	@Test
	void tokenWhenTheLinkedUsersSecondFactorIsLockedThenRefusedBeforeAnythingIsWritten() {
		String email = newAddress();
		owner(email);
		List<String> recoveryCodes = enrol(email);
		String subject = "sub-" + UUID.randomUUID();
		String challenge = signIn("linking", subject, email).text("challenge_id");
		assertThat(this.http.post("/jwt-allauth/mfa/verify-recovery")
			.json("{\"challenge_id\":\"" + challenge + "\",\"recovery_code\":\"" + recoveryCodes.get(0) + "\"}")
			.send()
			.status()).isEqualTo(200);
		assertThat(links(subject)).isEqualTo(1);
		// ten wrong codes, over two challenges of five, lock the user's second factor
		for (int i = 0; i < 2; i++) {
			String passwordChallenge = this.http.post("/jwt-allauth/login")
				.json(TestUsers.loginJson(email, TestUsers.PASSWORD))
				.send()
				.text("challenge_id");
			for (int attempt = 0; attempt < 5; attempt++) {
				this.http.post("/jwt-allauth/mfa/verify")
					.json("{\"challenge_id\":\"" + passwordChallenge + "\",\"code\":\"000000\"}")
					.send();
			}
		}
		Object lastLogin = lastLogin(subject);
		Response refused = signIn("linking", subject, email);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
		assertThat(refused.json().has("challenge_id")).isFalse();
		assertThat(lastLogin(subject)).isEqualTo(lastLogin);
	}

	/** Enrol the owner of an address in MFA; answer the recovery codes. */
	private List<String> enrol(String email) {
		String access = passwordLogin(email);
		String secret = this.http.post("/jwt-allauth/mfa/setup").bearer(access).send().text("secret");
		Response activated = this.http.post("/jwt-allauth/mfa/activate")
			.bearer(access)
			.json("{\"code\":\"" + Rfc6238.code(secret, Instant.now(), 6) + "\"}")
			.send();
		assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
		List<String> codes = new ArrayList<>();
		activated.json().get("recovery_codes").forEach((code) -> codes.add(code.asString()));
		return codes;
	}

	private Object lastLogin(String subject) {
		return this.jdbc.queryForObject("select last_login from jwt_allauth_social_account where uid = ?", Object.class,
				subject);
	}

	private Response signIn(String registration, String subject, String email) {
		String token = provider.idToken(ISSUER).subject(subject).email(email, true).sign();
		return this.http.post("/jwt-allauth/social/" + registration + "/token")
			.json("{\"id_token\":\"" + token + "\",\"client_id\":\"" + OidcProvider.CLIENT_ID + "\"}")
			.send();
	}

}
