package io.github.jwtallauth.autoconfigure.web;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the social-login HTTP tests share: a client of the running application, the stores
 * to look at what was (not) written, and local accounts to sign in to.
 */
abstract class SocialHttpTests {

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

	/** An account with a password and a verified address: that address's owner. */
	UserAccount owner(String email) {
		return this.accounts
			.create(new NewAccount(email, this.passwordEncoder.encode(TestUsers.PASSWORD), "", "", 0, true, true));
	}

	/** Log in with the password, and answer the access token. */
	String passwordLogin(String email) {
		Response login = this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(email, TestUsers.PASSWORD))
			.send();
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		return login.text("access");
	}

	/** How many links a provider account has (the provider's id of the user). */
	long links(String uid) {
		return this.jdbc.queryForObject("select count(*) from jwt_allauth_social_account where uid = ?", Long.class,
				uid);
	}

	/** How many accounts have an address. */
	long accountsWith(String email) {
		return this.jdbc.queryForObject("select count(*) from jwt_allauth_user where email = ?", Long.class,
				email.toLowerCase());
	}

	static String newAddress() {
		return "social-" + UUID.randomUUID() + "@example.com";
	}

	/** A refusal: its status and code, and no session. */
	static void assertRefused(Response response, String code, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.text("code")).as(response.toString()).isEqualTo(code);
		assertThat(response.cookieValue("refresh_token")).isEmpty();
	}

}
