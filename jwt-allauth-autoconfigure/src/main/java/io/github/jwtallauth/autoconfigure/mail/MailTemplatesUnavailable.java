package io.github.jwtallauth.autoconfigure.mail;

import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.EmailVerification;
import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties.Registration;

/**
 * Says at start-up what is missing without Thymeleaf: the mails and pages are templates,
 * so the account flows that mail (password reset, e-mail verification, invitations) are
 * off. Settings that need one of them stop start-up, naming the property, rather than
 * leaving a flow silently absent.
 *
 * @author jwt-allauth contributors
 */
final class MailTemplatesUnavailable {

	private static final Log logger = LogFactory.getLog(MailTemplatesUnavailable.class);

	private static final String MISSING = "jwt-allauth renders its mails and pages with Thymeleaf "
			+ "(spring-boot-starter-thymeleaf), which is not on the classpath";

	MailTemplatesUnavailable(EmailVerification verification, Registration registration, boolean accountMailer) {
		if (accountMailer) {
			// the application mails its own way
			return;
		}
		if (verification != EmailVerification.NONE) {
			throw new InvalidConfigurationPropertyValueException("jwtallauth.email-verification",
					verification.name().toLowerCase(Locale.ROOT),
					MISSING + ": add it (jwt-allauth-starter brings it) or set jwtallauth.email-verification=none");
		}
		if (registration.isInvitationOpen()) {
			throw new InvalidConfigurationPropertyValueException(
					registration.adminManaged() ? "jwtallauth.registration.admin-managed"
							: "jwtallauth.registration.invitations",
					true, MISSING + ": add it (jwt-allauth-starter brings it) or turn invitations off");
		}
		logger.warn(MISSING + ": password reset, e-mail verification, invitations and their pages are off "
				+ "(their endpoints answer 404).");
	}

}
