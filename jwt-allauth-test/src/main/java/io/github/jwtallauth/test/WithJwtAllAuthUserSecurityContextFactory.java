package io.github.jwtallauth.test;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.test.context.support.WithSecurityContextFactory;

import io.github.jwtallauth.autoconfigure.token.TokenSubject;

/**
 * The security context of {@link WithJwtAllAuthUser}. Spring Security's test support
 * creates it in the test's application context when there is one, which gives it the
 * application's role table; without one it uses the default roles.
 *
 * @author jwt-allauth contributors
 */
final class WithJwtAllAuthUserSecurityContextFactory
		implements WithSecurityContextFactory<WithJwtAllAuthUser>, ApplicationContextAware {

	private @Nullable ApplicationContext context;

	private SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Autowired(required = false)
	void setSecurityContextHolderStrategy(SecurityContextHolderStrategy strategy) {
		this.strategy = strategy;
	}

	@Override
	public SecurityContext createSecurityContext(WithJwtAllAuthUser user) {
		TokenSubject subject = new TokenSubject(user.subject(), user.role(), user.emailVerified(),
				attributes(user.attributes()));
		SecurityContext securityContext = this.strategy.createEmptyContext();
		securityContext.setAuthentication(TestPrincipals.of(this.context).authentication(subject, user.sessionId()));
		return securityContext;
	}

	private static Map<String, @Nullable Object> attributes(String[] pairs) {
		Map<String, @Nullable Object> attributes = new LinkedHashMap<>();
		for (String pair : pairs) {
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				throw new IllegalArgumentException(
						"@WithJwtAllAuthUser attributes are written name=value, not '" + pair + "'");
			}
			attributes.put(pair.substring(0, equals), pair.substring(equals + 1));
		}
		return attributes;
	}

}
