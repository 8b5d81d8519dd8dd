package io.github.jwtallauth.autoconfigure.social;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

import io.github.jwtallauth.autoconfigure.problem.ErrorCode;
import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthException;
import io.github.jwtallauth.autoconfigure.test.MutableClock;
import io.github.jwtallauth.autoconfigure.test.OidcProvider;
import io.github.jwtallauth.autoconfigure.test.TestJwts;
import io.github.jwtallauth.autoconfigure.test.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * ID tokens from a real OpenID Connect provider in the JVM, verified against its
 * discovery document and JWK set.
 */
class SocialTokenVerifierTests {

	@RegisterExtension
	static final OidcProvider provider = new OidcProvider();

	private final MutableClock clock = new MutableClock(Instant.now());

	private final SocialTokenVerifier verifier = new SocialTokenVerifier(this.clock);

	@Test
	void verifyIdTokenWhenValidThenIdentityWithLowerCasedVerifiedEmail() {
		ClientRegistration registration = registration("mock");
		String token = provider.idToken("mock")
			.subject("alice-123")
			.email("Alice@Example.COM", true)
			.names("Alice", "Liddell")
			.sign();

		SocialIdentity identity = this.verifier.verifyIdToken(registration, token, null);

		assertThat(identity).isEqualTo(new SocialIdentity("mock", "alice-123", List.of("alice@example.com"),
				"Alice@Example.COM", "Alice", "Liddell"));
	}

	@Test
	void verifyIdTokenWhenEmailVerifiedIsTheStringTrueThenVerified() {
		String token = provider.idToken("mock")
			.claim("email", "bob@example.com")
			.claim("email_verified", "true")
			.sign();

		SocialIdentity identity = this.verifier.verifyIdToken(registration("mock"), token, null);

		assertThat(identity.verifiedEmails()).containsExactly("bob@example.com");
	}

	@Test
	void verifyIdTokenWhenEmailNotVerifiedThenNoVerifiedEmails() {
		String token = provider.idToken("mock").email("carol@example.com", false).sign();

		SocialIdentity identity = this.verifier.verifyIdToken(registration("mock"), token, null);

		assertThat(identity.verifiedEmails()).isEmpty();
		assertThat(identity.email()).isEqualTo("carol@example.com");
	}

	@Test
	void verifyIdTokenWhenEmailVerifiedButNotAPlainAddressThenNoVerifiedEmails() {
		String token = provider.idToken("mock").email("Dave <dave@example.com>", true).sign();

		SocialIdentity identity = this.verifier.verifyIdToken(registration("mock"), token, null);

		assertThat(identity.verifiedEmails()).isEmpty();
	}

	@Test
	void verifyIdTokenWhenNoEmailOrNamesThenEmptyValues() {
		String token = provider.idToken("mock").subject("erin").sign();

		SocialIdentity identity = this.verifier.verifyIdToken(registration("mock"), token, null);

		assertThat(identity).isEqualTo(new SocialIdentity("mock", "erin", List.of(), null, "", ""));
	}

	@Test
	void verifyIdTokenWhenNonceMatchesThenVerified() {
		String token = provider.idToken("mock").subject("frank").nonce("n-0S6_WzA2Mj").sign();

		assertThat(this.verifier.verifyIdToken(registration("mock"), token, "n-0S6_WzA2Mj").uid()).isEqualTo("frank");
	}

	@Test
	void verifyIdTokenWhenNonceInTokenButNoneExpectedThenVerified() {
		String token = provider.idToken("mock").subject("frank").nonce("n-0S6_WzA2Mj").sign();

		assertThat(this.verifier.verifyIdToken(registration("mock"), token, null).uid()).isEqualTo("frank");
	}

	@Test
	void verifyIdTokenWhenNonceDiffersThenRefused() {
		String token = provider.idToken("mock").nonce("n-0S6_WzA2Mj").sign();

		assertRefused(() -> this.verifier.verifyIdToken(registration("mock"), token, "n-0S6_WzA2Mk"));
	}

	@Test
	void verifyIdTokenWhenNonceExpectedButMissingThenRefused() {
		String token = provider.idToken("mock").sign();

		assertRefused(() -> this.verifier.verifyIdToken(registration("mock"), token, "n-0S6_WzA2Mj"));
	}

	@Test
	void verifyIdTokenWhenSignedByAnotherIssuersKeyThenRefused() {
		// the right issuer, audience and expiry, but the key of another issuer id
		String token = provider.idToken("other").claim("iss", provider.issuerUrl("mock")).sign();

		assertRefused(() -> this.verifier.verifyIdToken(registration("mock"), token, null));
	}

	@Test
	void verifyIdTokenWhenSignedByAnUnknownKeyWithTheProvidersKeyIdThenRefused() throws JOSEException {
		JWTClaimsSet claims = validClaims("mock").build();
		SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("mock").build(), claims);
		forged.sign(new RSASSASigner(TestKeys.rsa().getPrivate()));

		assertRefused(() -> this.verifier.verifyIdToken(registration("mock"), forged.serialize(), null));
	}

	@Test
	void verifyIdTokenWhenUnsignedThenRefused() {
		String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		String unsigned = header + "." + base64(validClaims("mock").build().toString()) + ".";

		assertRefused(() -> this.verifier.verifyIdToken(registration("mock"), unsigned, null));
	}

	@Test
	void verifyIdTokenWhenHmacSignedWithTheClientSecretThenRefused() {
		SecretKeySpec secret = new SecretKeySpec(OidcProvider.CLIENT_SECRET.getBytes(StandardCharsets.UTF_8),
				"HmacSHA256");
		String token = TestJwts.hs256(validClaims("mock").build().toString(), secret);

		assertRefused(() -> this.verifier.verifyIdToken(registration("mock"), token, null));
	}

	@Test
	void verifyIdTokenWhenIssuedForAnotherClientThenRefused() {
		String token = provider.idToken("mock").clientId("another-client").sign();

		assertRefused(() -> this.verifier.verifyIdToken(registration("mock"), token, null));
	}

	@Test
	void verifyIdTokenWhenIssuedByAnotherIssuerOfTheServerThenRefused() {
		String token = provider.idToken("other").sign();

		assertRefused(() -> this.verifier.verifyIdToken(registration("mock"), token, null));
	}

	@Test
	void verifyIdTokenWhenSignedByTheProviderButNamingAnotherIssuerThenRefused() {
		String token = provider.idToken("mock").claim("iss", provider.issuerUrl("other")).sign();

		assertRefused(() -> this.verifier.verifyIdToken(registration("mock"), token, null));
	}

	@Test
	void verifyIdTokenWhenExpiredThenRefused() {
		String token = provider.idToken("mock").lifetime(Duration.ofMinutes(-5)).sign();

		assertRefused(() -> this.verifier.verifyIdToken(registration("mock"), token, null));
	}

	@Test
	void verifyIdTokenWhenClockPassesExpiryThenRefused() {
		ClientRegistration registration = registration("mock");
		String token = provider.idToken("mock").lifetime(Duration.ofMinutes(10)).sign();
		this.verifier.verifyIdToken(registration, token, null);

		this.clock.advance(Duration.ofMinutes(15));

		assertRefused(() -> this.verifier.verifyIdToken(registration, token, null));
	}

	@Test
	void verifyIdTokenWhenGarbageThenRefused() {
		assertRefused(() -> this.verifier.verifyIdToken(registration("mock"), "not.a-token", null));
		assertRefused(() -> this.verifier.verifyIdToken(registration("mock"), "", null));
	}

	@Test
	void verifyIdTokenWhenRegistrationHasNoJwkSetThenFlowNotSupported() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("github")
			.clientId(OidcProvider.CLIENT_ID)
			.clientSecret(OidcProvider.CLIENT_SECRET)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(OidcProvider.REDIRECT_URI)
			.authorizationUri("https://github.com/login/oauth/authorize")
			.tokenUri("https://github.com/login/oauth/access_token")
			.build();
		String token = provider.idToken("mock").sign();

		assertThatExceptionOfType(JwtAllAuthException.class)
			.isThrownBy(() -> this.verifier.verifyIdToken(registration, token, null))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.FLOW_NOT_SUPPORTED));
	}

	@Test
	void verifyIdTokenWhenProviderSignsWithEs256ThenVerified() throws ParseException {
		try (OidcProvider ecProvider = OidcProvider.signingWith("ES256")) {
			ClientRegistration registration = registration(ecProvider, "ec");
			String token = ecProvider.idToken("ec").subject("grace").sign();

			assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
			assertThat(this.verifier.verifyIdToken(registration, token, null).uid()).isEqualTo("grace");
		}
	}

	@Test
	void verifyIdTokenWhenCalledTwiceThenJwkSetFetchedOnce() {
		ClientRegistration registration = registration("mock");
		provider.takeRequests();

		this.verifier.verifyIdToken(registration, provider.idToken("mock").sign(), null);
		this.verifier.verifyIdToken(registration, provider.idToken("mock").sign(), null);

		assertThat(provider.takeRequests()).containsExactly("GET /mock/jwks");
	}

	@Test
	void verifyIdTokenWhenRegisteredThroughSpringBootPropertiesThenVerified() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(OAuth2ClientAutoConfiguration.class))
			.withPropertyValues(provider.clientPropertyPairs("mock", "mock"))
			.run((context) -> {
				ClientRegistration registration = context.getBean(ClientRegistrationRepository.class)
					.findByRegistrationId("mock");
				String token = provider.idToken("mock").subject("heidi").email("heidi@example.com", true).sign();

				SocialIdentity identity = this.verifier.verifyIdToken(registration, token, null);

				assertThat(identity.uid()).isEqualTo("heidi");
				assertThat(identity.verifiedEmails()).containsExactly("heidi@example.com");
			});
	}

	private static ClientRegistration registration(String issuerId) {
		return registration(provider, issuerId);
	}

	private static ClientRegistration registration(OidcProvider oidc, String issuerId) {
		return ClientRegistrations.fromIssuerLocation(oidc.issuerUrl(issuerId))
			.registrationId(issuerId)
			.clientId(OidcProvider.CLIENT_ID)
			.clientSecret(OidcProvider.CLIENT_SECRET)
			.redirectUri(OidcProvider.REDIRECT_URI)
			.scope("openid", "email", "profile")
			.build();
	}

	/** What the provider would sign for the client, valid now. */
	private static JWTClaimsSet.Builder validClaims(String issuerId) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(provider.issuerUrl(issuerId))
			.subject("mallory")
			.audience(OidcProvider.CLIENT_ID)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofHours(1))));
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static void assertRefused(ThrowingCallable verification) {
		// the same answer for every reason, and nothing of the provider's or the
		// decoder's own
		assertThatExceptionOfType(JwtAllAuthException.class).isThrownBy(verification).satisfies((ex) -> {
			assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.INVALID_SOCIAL_TOKEN);
			assertThat(ex.getMessage()).isEqualTo(ErrorCode.INVALID_SOCIAL_TOKEN.defaultDetail());
			assertThat(ex.getErrors()).isEmpty();
			assertThat(ex.getCause()).isNull();
		});
	}

}
