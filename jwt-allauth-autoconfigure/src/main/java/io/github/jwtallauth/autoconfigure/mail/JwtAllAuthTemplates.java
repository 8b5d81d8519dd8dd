package io.github.jwtallauth.autoconfigure.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.Assert;

import io.github.jwtallauth.autoconfigure.problem.JwtAllAuthMessageSource;

/**
 * Renders jwt-allauth's Thymeleaf templates: the mails ({@code <name>.html} and
 * {@code <name>.txt}) and the built-in pages. Templates live under
 * {@code classpath:/templates/}; an application replaces one by putting a template with
 * the same name on its own classpath (its classes come first) or, for mails and the
 * verification-failed page, by pointing a {@code jwtallauth.templates.*} property at
 * another name. {@code #{...}} messages are looked up in the application's
 * {@code MessageSource} first, then in jwt-allauth's own bundle (English and Spanish
 * shipped).
 *
 * <p>
 * A template engine of its own, rather than the application's, so that mails render the
 * same whatever the application's {@code spring.thymeleaf.*} settings are, and plain-text
 * templates can sit beside the HTML ones.
 * <p>
 * Internal to jwt-allauth: applications should not depend on it; it may change in any
 * release.
 *
 * @author jwt-allauth contributors
 */
public final class JwtAllAuthTemplates {

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
		this.engine.setTemplateEngineMessageSource(new JwtAllAuthMessageSource(applicationMessages));
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(
				JwtAllAuthTemplates.class.getClassLoader());
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
	 * @param template the template's name with its extension, e.g.
	 * {@code jwtallauth/mail/verification.html}
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

}
