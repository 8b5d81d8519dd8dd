package io.github.jwtallauth.autoconfigure.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.Assert;

/**
 * Renders jwt-allauth's Thymeleaf templates: the mails ({@code <name>.html} and
 * {@code <name>.txt}) and the built-in pages. Templates live under {@code classpath:/templates/};
 * an application replaces one by putting a template with the same name on its own classpath (its
 * classes come first) or, for mails and the verification-failed page, by pointing a
 * {@code jwtallauth.templates.*} property at another name. {@code #{...}} messages are looked up in
 * the application's {@code MessageSource} first, then in jwt-allauth's own bundle (English and
 * Spanish shipped).
 *
 * <p>A template engine of its own, rather than the application's, so that mails render the same
 * whatever the application's {@code spring.thymeleaf.*} settings are, and plain-text templates can
 * sit beside the HTML ones.
 *
 * @author jwt-allauth contributors
 */
public class JwtAllAuthTemplates {

	static final String PREFIX = "templates/";

	private final SpringTemplateEngine engine;

	/**
	 * Create the renderer.
	 * @param applicationMessages the application's messages, consulted first
	 */
	public JwtAllAuthTemplates(MessageSource applicationMessages) {
		Assert.notNull(applicationMessages, "'applicationMessages' must not be null");
		this.engine = new SpringTemplateEngine();
		this.engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 1));
		this.engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 2));
		this.engine.setTemplateEngineMessageSource(new ApplicationFirstMessageSource(applicationMessages));
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(JwtAllAuthTemplates.class.getClassLoader());
		resolver.setPrefix(PREFIX);
		resolver.setTemplateMode(mode);
		resolver.setResolvablePatterns(Set.of(pattern));
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(true);
		resolver.setCacheable(true);
		resolver.setOrder(order);
		return resolver;
	}

	/**
	 * Render a template.
	 * @param template the template's name with its extension, e.g. {@code jwtallauth/mail/verification.html}
	 * @param locale the locale of its messages
	 * @param variables the template's variables
	 * @return the rendered text
	 */
	public String render(String template, Locale locale, Map<String, ?> variables) {
		Context context = new Context(locale);
		variables.forEach(context::setVariable);
		return this.engine.process(template, context);
	}

	/**
	 * Whether a template exists.
	 * @param template the template's name with its extension
	 * @return whether it is on the classpath
	 */
	public static boolean exists(String template) {
		return new ClassPathResource(PREFIX + template, JwtAllAuthTemplates.class.getClassLoader()).exists();
	}

	/**
	 * The application's messages first, jwt-allauth's own bundle second: an application overrides
	 * any text by defining its key, and translates the rest by adding a locale.
	 */
	static final class ApplicationFirstMessageSource implements MessageSource {

		private final MessageSource application;

		private final ResourceBundleMessageSource own = new ResourceBundleMessageSource();

		ApplicationFirstMessageSource(MessageSource application) {
			this.application = application;
			this.own.setBasename("io/github/jwtallauth/messages");
			this.own.setDefaultEncoding("UTF-8");
			this.own.setFallbackToSystemLocale(false);
		}

		@Override
		public String getMessage(String code, Object[] args, String defaultMessage, Locale locale) {
			String message = this.application.getMessage(code, args, null, locale);
			return (message != null) ? message : this.own.getMessage(code, args, defaultMessage, locale);
		}

		@Override
		public String getMessage(String code, Object[] args, Locale locale) {
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

}
