package io.github.jwtallauth.autoconfigure.web;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user imported from Django with Django's hash logs in over HTTP with the default
 * password encoder, and from then on has a bcrypt hash; a wrong password changes nothing.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, TestProperties.VALIDATE_SCHEMA })
class DjangoPasswordLoginTests {

	// hashlib.pbkdf2_hmac('sha256', b'correct horse battery staple',
	// b'seasalt1234567890abcde', 1000), as Django's PBKDF2PasswordHasher stores it
	static final String DJANGO_HASH = "pbkdf2_sha256$1000$seasalt1234567890abcde$pySYxuTJZNJ2hlMU29Q9/Hfo04Rpidi1nPcPsfcUsKw=";

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	JdbcTemplate jdbc;

	HttpTestClient http;

	@BeforeEach
	void setUpClient() {
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void loginWhenDjangoHashThenSignedInAndTheHashIsNowBcrypt() {
		String email = newAddress();
		UserAccount user = this.accounts.create(new NewAccount(email, DJANGO_HASH, "", "", 0, true, true));
		Response login = login(email, TestUsers.PASSWORD);
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		assertThat(login.text("access")).isNotBlank();
		String upgraded = storedHash(user);
		assertThat(upgraded).startsWith("{bcrypt}$2a$");
		assertThat(this.passwordEncoder.matches(TestUsers.PASSWORD, upgraded)).isTrue();
		assertThat(this.passwordEncoder.upgradeEncoding(upgraded)).isFalse();
		// the new hash lets the user in and is left as it is
		Response again = login(email, TestUsers.PASSWORD);
		assertThat(again.status()).as(again.toString()).isEqualTo(200);
		assertThat(storedHash(user)).isEqualTo(upgraded);
	}

	@Test
	void loginWhenDjangoHashAndWrongPasswordThen401AndTheHashUnchanged() {
		String email = newAddress();
		UserAccount user = this.accounts.create(new NewAccount(email, DJANGO_HASH, "", "", 0, true, true));
		Response login = login(email, TestUsers.PASSWORD + "!");
		assertThat(login.status()).as(login.toString()).isEqualTo(401);
		assertThat(login.text("code")).isEqualTo("incorrect_credentials");
		assertThat(storedHash(user)).isEqualTo(DJANGO_HASH);
	}

	Response login(String email, String password) {
		return this.http.post("/jwt-allauth/login/").json(TestUsers.loginJson(email, password)).send();
	}

	String storedHash(UserAccount user) {
		return this.jdbc.queryForObject("select password from jwt_allauth_user where id = ?", String.class,
				Long.valueOf(user.getId()));
	}

	static String newAddress() {
		return "django-" + UUID.randomUUID() + "@example.com";
	}

}
