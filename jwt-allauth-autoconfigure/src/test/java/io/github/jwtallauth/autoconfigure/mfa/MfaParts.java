package io.github.jwtallauth.autoconfigure.mfa;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.MfaMode;
import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.PasswordAuthenticator;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.test.MutableClock;
import io.github.jwtallauth.autoconfigure.test.Rfc6238;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The MFA parts wired as the auto-configuration wires them, on an in-memory H2 database
 * holding the library's MFA tables (its own migration script), with a clock the tests
 * move and the published events recorded. Only the user store and the password check are
 * stand-ins.
 */
final class MfaParts implements AutoCloseable {

	/** The start of a TOTP step, so that the tests know which step "now" is in. */
	static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

	static final int CHALLENGE_MAX_ATTEMPTS = 3;

	static final int MAX_ATTEMPTS = 5;

	static final Duration LOCKOUT = Duration.ofMinutes(15);

	static final String PASSWORD = "correct horse battery staple";

	final EmbeddedDatabase database = new EmbeddedDatabaseBuilder().generateUniqueName(true)
		.setType(EmbeddedDatabaseType.H2)
		.addScript("classpath:db/migration/jwtallauth/h2/JWTALLAUTH_V5__mfa.sql")
		.build();

	final JdbcTemplate jdbc = new JdbcTemplate(this.database);

	final MutableClock clock = new MutableClock(START);

	final List<ApplicationEvent> events = new ArrayList<>();

	final SecretCipher cipher = new SecretCipher(SecretCipher.randomKey());

	final TotpService totp = new GoogleAuthTotpService();

	final MfaStore store = new MfaStore(this.jdbc);

	final AccountService accounts = mock(AccountService.class);

	// the password check is the account package's: here only its answer matters
	final PasswordAuthenticator passwords = mock(PasswordAuthenticator.class);

	final JwtAllAuthProperties.Mfa settings;

	final MfaAttempts attempts;

	final TotpCodes totpCodes;

	final RecoveryCodes recoveryCodes;

	final MfaChallenges challenges;

	final MfaEnrolment enrolment;

	MfaParts() {
		this(MfaMode.OPTIONAL, true);
	}

	MfaParts(MfaMode mode, boolean qrCodes) {
		this.settings = new JwtAllAuthProperties.Mfa(mode, "Example", null, CHALLENGE_MAX_ATTEMPTS, MAX_ATTEMPTS,
				LOCKOUT);
		this.attempts = new MfaAttempts(this.store, this::publish, this.settings, this.clock);
		this.totpCodes = new TotpCodes(this.store, this.totp, this.cipher, this.clock);
		this.recoveryCodes = new RecoveryCodes(this.store, this.cipher, this.clock);
		this.challenges = new MfaChallenges(this.store, this.attempts, this.totpCodes, this.recoveryCodes,
				this.accounts, this::publish, CHALLENGE_MAX_ATTEMPTS, this.clock);
		this.enrolment = new MfaEnrolment(this.store, this.totp, this.cipher, this.totpCodes, this.recoveryCodes,
				this.challenges, this.attempts, this.passwords, null,
				new TransactionTemplate(new DataSourceTransactionManager(this.database)), this::publish, this.settings,
				qrCodes, this.clock);
	}

	private void publish(Object event) {
		this.events.add((ApplicationEvent) event);
	}

	/**
	 * A user the account store knows, active, with {@link #PASSWORD}.
	 */
	UserAccount user(String id) {
		UserAccount user = mock(UserAccount.class);
		given(user.getId()).willReturn(id);
		given(user.getEmail()).willReturn("user" + id + "@example.com");
		given(user.isActive()).willReturn(true);
		given(this.accounts.findById(id)).willReturn(Optional.of(user));
		given(this.passwords.isCurrentPassword(user, PASSWORD)).willReturn(true);
		return user;
	}

	/**
	 * Enrol a user the way the endpoints do, and move to the next TOTP step, whose code
	 * the user has not used yet.
	 * @return the user's TOTP secret and first recovery codes
	 */
	Enrolled enrol(UserAccount user) {
		String secret = this.enrolment.setup(user).secret();
		List<String> codes = this.enrolment.activate(user.getId(), code(secret), null);
		this.clock.advance(Duration.ofSeconds(30));
		return new Enrolled(secret, codes);
	}

	/** The code of a secret at the clock's time. */
	String code(String secret) {
		return Rfc6238.code(secret, this.clock.instant(), 6);
	}

	/** A 6-digit code that is none of the codes the secret accepts around now. */
	String wrongCode(String secret) {
		long step = this.clock.instant().getEpochSecond() / 30;
		List<String> accepted = List.of(Rfc6238.codeAtStep(secret, step - 1, 6), Rfc6238.codeAtStep(secret, step, 6),
				Rfc6238.codeAtStep(secret, step + 1, 6));
		for (int candidate = 0;; candidate++) {
			String code = String.format("%06d", candidate);
			if (!accepted.contains(code)) {
				return code;
			}
		}
	}

	/** The events of one type published so far. */
	<T> List<T> events(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	int rows(String table, String userId) {
		Integer count = this.jdbc.queryForObject("select count(*) from " + table + " where user_id = ?", Integer.class,
				userId);
		return (count != null) ? count : 0;
	}

	@Override
	public void close() {
		this.database.shutdown();
	}

	record Enrolled(String secret, List<String> recoveryCodes) {
	}

}
