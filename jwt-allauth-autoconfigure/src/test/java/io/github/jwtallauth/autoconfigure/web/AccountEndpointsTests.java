package io.github.jwtallauth.autoconfigure.web;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.MutableClock;
import io.github.jwtallauth.autoconfigure.test.MutableClockConfiguration;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions, the user object and sign-up over real HTTP.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TestProperties.JWT_SECRET, "jwtallauth.sessions.collect-user-agent=true",
				"jwtallauth.sessions.trusted-proxies=127.0.0.1/32", "spring.jpa.hibernate.ddl-auto=none" })
@Import(MutableClockConfiguration.class)
class AccountEndpointsTests {

	static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
			+ "Chrome/120.0.0.0 Safari/537.36";

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	HttpTestClient http;

	TestUsers users;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
		this.users = new TestUsers(this.accounts, this.passwordEncoder);
	}

	@Test
	void sessionsWhenTwoDevicesThenListedNewestFirstWithDeviceInformation() {
		UserAccount user = this.users.user();
		Response laptop = this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(user))
			.header("User-Agent", CHROME)
			.header("X-Forwarded-For", "203.0.113.9, 127.0.0.1")
			.send();
		// sessions are stamped to the second: the phone's login comes one second later
		this.clock.advance(Duration.ofSeconds(1));
		Response phone = this.http.post("/jwt-allauth/login").json(TestUsers.loginJson(user)).send();
		Response list = this.http.get("/jwt-allauth/sessions").bearer(phone.text("access")).send();
		assertThat(list.status()).isEqualTo(200);
		JsonNode sessions = list.json();
		assertThat(sessions).hasSize(2);
		JsonNode newest = sessions.get(0);
		JsonNode older = sessions.get(1);
		assertThat(newest.get("current").asBoolean()).isTrue();
		assertThat(older.get("current").asBoolean()).isFalse();
		assertThat(newest.propertyNames()).containsExactly("id", "created", "last_used", "expires", "ip", "browser",
				"os", "device", "current");
		assertThat(older.get("ip").asString()).isEqualTo("203.0.113.9");
		assertThat(older.get("browser").asString()).isEqualTo("Chrome");
		assertThat(older.get("os").asString()).isEqualTo("Windows");
		assertThat(newest.get("ip").asString()).isEqualTo("127.0.0.1");
		// the laptop's own view marks its own session as current
		JsonNode fromLaptop = this.http.get("/jwt-allauth/sessions").bearer(laptop.text("access")).send().json();
		assertThat(fromLaptop.get(1).get("current").asBoolean()).isTrue();
	}

	@Test
	void deleteSessionWhenOwnThenRevokedAndWhenForeignOrUnknownThenNotFound() {
		UserAccount user = this.users.user();
		Response phone = login(user);
		Response laptop = login(user);
		String laptopId = null;
		for (JsonNode session : this.http.get("/jwt-allauth/sessions").bearer(phone.text("access")).send().json()) {
			if (!session.get("current").asBoolean()) {
				laptopId = session.get("id").asString();
			}
		}
		assertThat(laptopId).isNotNull();
		Response intruder = login(this.users.user());
		String laptopSession = laptopId;
		Response foreign = this.http.delete("/jwt-allauth/sessions/" + laptopSession)
			.bearer(intruder.text("access"))
			.send();
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.text("code")).isEqualTo("not_found");
		Response deleted = this.http.delete("/jwt-allauth/sessions/" + laptopSession + "/")
			.bearer(phone.text("access"))
			.send();
		assertThat(deleted.status()).isEqualTo(204);
		assertThat(this.http.post("/jwt-allauth/refresh")
			.cookie("refresh_token", laptop.cookieValue("refresh_token").orElseThrow())
			.send()
			.status()).isEqualTo(401);
		assertThat(
				this.http.delete("/jwt-allauth/sessions/" + laptopSession).bearer(phone.text("access")).send().status())
			.isEqualTo(404);
		assertThat(this.http.get("/jwt-allauth/sessions").send().status()).isEqualTo(401);
	}

	@Test
	void userWhenReadThenDocumentedFields() {
		UserAccount user = this.users.staff();
		Response response = this.http.get("/jwt-allauth/user").bearer(login(user).text("access")).send();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"id\":\"" + user.getId() + "\",\"email\":\"" + user.getEmail()
				+ "\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"role\":1000,\"email_verified\":true}");
	}

	@Test
	void patchUserWhenNamesAndReadOnlyFieldsSentThenOnlyNamesChange() {
		UserAccount user = this.users.user();
		String access = login(user).text("access");
		Response response = this.http.patch("/jwt-allauth/user/")
			.bearer(access)
			.json("{\"first_name\":\"Grace\",\"last_name\":\"Hopper\",\"email\":\"evil@example.com\",\"role\":1000,"
					+ "\"email_verified\":false,\"id\":\"1\",\"unknown\":true}")
			.send();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("first_name")).isEqualTo("Grace");
		assertThat(response.text("email")).isEqualTo(user.getEmail());
		assertThat(response.json().get("role").asInt()).isZero();
		UserAccount stored = this.accounts.findById(user.getId()).orElseThrow();
		assertThat(stored.getLastName()).isEqualTo("Hopper");
		assertThat(stored.getRole()).isZero();
		assertThat(stored.getEmail()).isEqualTo(user.getEmail());
	}

	@Test
	void patchUserWhenNameTooLongThenInvalidAndNothingChanged() {
		UserAccount user = this.users.user();
		Response response = this.http.patch("/jwt-allauth/user")
			.bearer(login(user).text("access"))
			.json("{\"first_name\":\"" + "x".repeat(151) + "\"}")
			.send();
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("\"first_name\":[\"Ensure this field has no more than 150 characters.\"]");
		assertThat(this.accounts.findById(user.getId()).orElseThrow().getFirstName()).isEqualTo("Ada");
	}

	@Test
	void userWhenPutOrPostThenMethodNotAllowed() {
		String access = login(this.users.user()).text("access");
		Response put = this.http.post("/jwt-allauth/user").bearer(access).json("{}").send();
		assertThat(put.status()).isEqualTo(405);
		assertThat(put.header("Allow").orElseThrow()).contains("GET", "PATCH");
	}

	@Test
	void registrationWhenValidThenCreatedWithSessionAndLoginWorks() {
		String email = "New-" + UUID.randomUUID() + "@Example.com ";
		Response response = this.http.post("/jwt-allauth/registration")
			.json("{\"email\":\"" + email
					+ "\",\"password1\":\"Tr0ub4dor&3-horse\",\"password2\":\"Tr0ub4dor&3-horse\","
					+ "\"first_name\":\"Ada\",\"last_name\":\"Byron\"}")
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(response.json().propertyNames()).containsExactly("access");
		assertThat(response.setCookie("refresh_token")).isPresent();
		UserAccount created = this.accounts.findByEmail(email.strip().toLowerCase()).orElseThrow();
		assertThat(created.getRole()).isZero();
		// email-verification=none: the address counts as verified, as in the original
		assertThat(created.isEmailVerified()).isTrue();
		assertThat(created.getPassword()).startsWith("{bcrypt}");
		assertThat(this.http.post("/jwt-allauth/login")
			.json(TestUsers.loginJson(email.strip().toLowerCase(), "Tr0ub4dor&3-horse"))
			.send()
			.status()).isEqualTo(200);
	}

	@Test
	void registrationWhenAddressTakenThenInvalidAndNoSecondAccount() {
		UserAccount user = this.users.user();
		Response response = this.http.post("/jwt-allauth/registration")
			.json("{\"email\":\"" + user.getEmail().toUpperCase() + "\",\"password1\":\"Tr0ub4dor&3-horse\","
					+ "\"password2\":\"Tr0ub4dor&3-horse\"}")
			.send();
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("\"email\":[\"A user is already registered with this e-mail address.\"]");
		assertThat(this.http.post("/jwt-allauth/login").json(TestUsers.loginJson(user)).send().status()).isEqualTo(200);
	}

	/**
	 * Lookalikes of {@code josé-<id>@example.com}, written as JSON escapes so that
	 * exactly these characters reach the server.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "jos\\u00e9-%s@example.com\\u00a0", "\\u00a0jos\\u00e9-%s@example.com",
			"jos\\u00e9\\u00a0-%s@example.com", "jos\\u00e9-%s\\u200b@example.com", "jose\\u0301-%s@example.com",
			"JOSE\\u0301-%s@EXAMPLE.COM", "jos\\u00e9-%s\\ud800@example.com", "jos\\u00e9-%s@example.com\\udc00",
			"\\u3000jos\\u00e9-%s@example.com" })
	void registrationWhenLookalikeOfATakenAddressThenRefusedAndNeverASecondAccount(String lookalike) {
		String id = UUID.randomUUID().toString();
		this.accounts.create(new NewAccount("jos\u00e9-" + id + "@example.com",
				this.passwordEncoder.encode(TestUsers.PASSWORD), "José", "", 0, true, true));
		Response response = this.http.post("/jwt-allauth/registration")
			.json("{\"email\":\"" + lookalike.formatted(id) + "\",\"password1\":\"Tr0ub4dor&3-horse\","
					+ "\"password2\":\"Tr0ub4dor&3-horse\"}")
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.text("code")).isEqualTo("invalid");
		assertThat(response.json().get("errors").propertyNames()).containsExactly("email");
		assertThat(this.jdbc.queryForObject("select count(*) from jwt_allauth_user where email like ?", Long.class,
				"%" + id + "%"))
			.isOne();
	}

	@Test
	void registrationWhenDisplayNameAddressThenInvalidAndNoAccount() {
		String id = UUID.randomUUID().toString();
		Response response = this.http.post("/jwt-allauth/registration")
			.json("{\"email\":\"victim-bank.com<me-" + id + "@evil.io>\",\"password1\":\"Tr0ub4dor&3-horse\","
					+ "\"password2\":\"Tr0ub4dor&3-horse\"}")
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.body()).contains("\"email\":[\"Enter a valid email address.\"]");
		assertThat(response.setCookie("refresh_token")).isEmpty();
		assertThat(this.jdbc.queryForObject("select count(*) from jwt_allauth_user where email like ?", Long.class,
				"%" + id + "%"))
			.isZero();
	}

	@Test
	void registrationWhenPasswordsWeakOrDifferentThenFieldErrors() {
		String email = "weak-" + UUID.randomUUID() + "@example.com";
		Response mismatch = this.http.post("/jwt-allauth/registration")
			.json("{\"email\":\"" + email + "\",\"password1\":\"Tr0ub4dor&3-horse\",\"password2\":\"other\"}")
			.send();
		assertThat(mismatch.status()).isEqualTo(400);
		assertThat(mismatch.body()).contains("\"password2\":[\"The two password fields didn't match.\"]");
		Response weak = this.http.post("/jwt-allauth/registration")
			.json("{\"email\":\"" + email + "\",\"password1\":\"1234567\",\"password2\":\"1234567\"}")
			.send();
		assertThat(weak.body()).contains("This password is too short. It must contain at least 8 characters.",
				"This password is entirely numeric.");
		Response similar = this.http.post("/jwt-allauth/registration")
			.json("{\"email\":\"" + email + "\",\"password1\":\"" + email + "\",\"password2\":\"" + email + "\"}")
			.send();
		assertThat(similar.body()).contains("The password is too similar to the email.");
		Response badEmail = this.http.post("/jwt-allauth/registration")
			.json("{\"email\":\"not-an-address\",\"password1\":\"Tr0ub4dor&3-horse\",\"password2\":\"Tr0ub4dor&3-horse\"}")
			.send();
		assertThat(badEmail.body()).contains("\"email\":[\"Enter a valid email address.\"]");
		assertThat(this.accounts.findByEmail(email)).isEmpty();
	}

	@Test
	void registrationAndPatchWhenControlCharactersOrOverlongPasswordThenFieldErrors() {
		String email = "ctl-" + UUID.randomUUID() + "@example.com";
		Response nulEmail = this.http.post("/jwt-allauth/registration")
			.json("{\"email\":\"a\\u0000" + email
					+ "\",\"password1\":\"Tr0ub4dor&3-horse\",\"password2\":\"Tr0ub4dor&3-horse\"}")
			.send();
		assertThat(nulEmail.status()).isEqualTo(400);
		assertThat(nulEmail.body()).contains("\"email\":[\"Enter a valid email address.\"]");
		String longPassword = "ä".repeat(40);
		Response tooLong = this.http.post("/jwt-allauth/registration")
			.json("{\"email\":\"" + email + "\",\"password1\":\"" + longPassword + "\",\"password2\":\"" + longPassword
					+ "\"}")
			.send();
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.body()).contains("Ensure this password has no more than 72 bytes.");
		Response nulName = this.http.post("/jwt-allauth/registration")
			.json("{\"email\":\"" + email
					+ "\",\"password1\":\"Tr0ub4dor&3-horse\",\"password2\":\"Tr0ub4dor&3-horse\","
					+ "\"first_name\":\"A\\u0000\"}")
			.send();
		assertThat(nulName.body()).contains("\"first_name\":[\"Enter a valid value.\"]");
		assertThat(this.accounts.findByEmail(email)).isEmpty();
		UserAccount user = this.users.user();
		Response patch = this.http.patch("/jwt-allauth/user")
			.bearer(login(user).text("access"))
			.json("{\"last_name\":\"\\u0007bell\"}")
			.send();
		assertThat(patch.status()).isEqualTo(400);
		assertThat(this.accounts.findById(user.getId()).orElseThrow().getLastName()).isEqualTo("Lovelace");
	}

	Response login(UserAccount user) {
		Response response = this.http.post("/jwt-allauth/login").json(TestUsers.loginJson(user)).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response;
	}

}
