package io.github.jwtallauth.autoconfigure.problem;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * jwt-allauth's texts (problem details, mails, pages): the application's
 * {@code MessageSource} first, then jwt-allauth's own bundle
 * {@code io/github/jwtallauth/messages} (English and Spanish shipped). An application
 * overrides any text by defining its key, and translates the rest by adding a locale.
 *
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class JwtAllAuthMessageSource implements MessageSource {

	private final MessageSource application;

	private final ResourceBundleMessageSource own = new ResourceBundleMessageSource();

	/**
	 * Create the source.
	 * @param application the application's messages, consulted first
	 */
	public JwtAllAuthMessageSource(MessageSource application) {
		this.application = application;
		this.own.setBasename("io/github/jwtallauth/messages");
		this.own.setDefaultEncoding("UTF-8");
		this.own.setFallbackToSystemLocale(false);
	}

	@Override
	public @Nullable String getMessage(String code, Object @Nullable [] args, @Nullable String defaultMessage,
			Locale locale) {
		String message = this.application.getMessage(code, args, null, locale);
		return (message != null) ? message : this.own.getMessage(code, args, defaultMessage, locale);
	}

	@Override
	public String getMessage(String code, Object @Nullable [] args, Locale locale) {
		String message = this.application.getMessage(code, args, null, locale);
		return (message != null) ? message : this.own.getMessage(code, args, locale);
	}

	@Override
	public String getMessage(MessageSourceResolvable resolvable, Locale locale) {
		try {
			return this.application.getMessage(resolvable, locale);
		}
		catch (NoSuchMessageException ex) {
			return this.own.getMessage(resolvable, locale);
		}
	}

}
