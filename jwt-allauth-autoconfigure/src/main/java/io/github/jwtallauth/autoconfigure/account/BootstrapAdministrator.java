package io.github.jwtallauth.autoconfigure.account;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.log.LogMessage;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.github.jwtallauth.autoconfigure.EmailAddresses;

/**
 * Creates the first administrator ({@code jwtallauth.bootstrap.*}, role 1000, verified,
 * active) once every singleton exists, so before the web server accepts connections. An
 * existing account with that address is never changed.
 *
 * @author jwt-allauth contributors
 */
final class BootstrapAdministrator implements SmartInitializingSingleton {

	/** Role of the bootstrap administrator (staff). */
	public static final int ADMIN_ROLE = 1000;

	private static final Log logger = LogFactory.getLog(BootstrapAdministrator.class);

	private final AccountService accounts;

	private final PasswordEncoder passwordEncoder;

	private final String email;

	private final String password;

	BootstrapAdministrator(AccountService accounts, PasswordEncoder passwordEncoder, String email, String password) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.email = EmailAddresses.parse(email)
			.orElseThrow(() -> new IllegalArgumentException("'email' must be a plain e-mail address"));
		this.password = password;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.accounts.findByEmail(this.email).isPresent()) {
			logger.debug(LogMessage.format("Bootstrap administrator %s already exists; left unchanged", this.email));
			return;
		}
		try {
			this.accounts.create(new NewAccount(this.email, this.passwordEncoder.encode(this.password), "", "",
					ADMIN_ROLE, true, true));
			logger.info(LogMessage.format("Created bootstrap administrator %s", this.email));
		}
		catch (EmailAlreadyRegisteredException ex) {
			// another instance created it at the same moment
		}
	}

}
