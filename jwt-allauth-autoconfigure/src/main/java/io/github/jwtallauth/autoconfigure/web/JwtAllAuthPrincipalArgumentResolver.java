package io.github.jwtallauth.autoconfigure.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.github.jwtallauth.autoconfigure.security.JwtAllAuthPrincipal;

/**
 * Resolves {@code @AuthenticationPrincipal JwtAllAuthPrincipal} parameters ahead of
 * Spring Security's resolver, which gives {@code null} whenever the request's principal
 * is of another type and so leaves the controller to fail with a
 * {@code NullPointerException}. Here a request authenticated by an access token gives its
 * principal, an anonymous one {@code null} as before (endpoints open to both keep
 * working), and one authenticated in any other way (HTTP Basic, a form login of the
 * application, a test's mock user) fails with a message that says what to do. Such an
 * authentication is never turned into a principal: its name is not a user id and nothing
 * vouches for a role.
 *
 * @author jwt-allauth contributors
 */
final class JwtAllAuthPrincipalArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		AuthenticationPrincipal annotation = AnnotatedElementUtils.findMergedAnnotation(parameter.getParameter(),
				AuthenticationPrincipal.class);
		// an expression picks something out of the principal: Spring Security's job
		return annotation != null && !StringUtils.hasText(annotation.expression())
				&& JwtAllAuthPrincipal.class.isAssignableFrom(parameter.getParameterType());
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		Authentication authentication = SecurityContextHolder.getContextHolderStrategy()
			.getContext()
			.getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			return null;
		}
		if (authentication.getPrincipal() instanceof JwtAllAuthPrincipal principal) {
			return principal;
		}
		throw new IllegalStateException("@AuthenticationPrincipal JwtAllAuthPrincipal needs a request authenticated "
				+ "by a jwt-allauth access token, but this one is authenticated by a "
				+ authentication.getClass().getSimpleName() + ". A controller that serves other kinds of login "
				+ "should take the Authentication instead. In tests, use @WithJwtAllAuthUser or "
				+ "jwtAllAuth() of jwt-allauth-test, which also adapts @WithMockUser and user(...)");
	}

	/**
	 * Registers the resolver ahead of Spring Security's, whose configurer is unordered.
	 */
	static final class Registration implements WebMvcConfigurer, Ordered {

		/** Order of this configurer; jwt-allauth-test registers its own ahead of it. */
		static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

		@Override
		public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
			resolvers.add(new JwtAllAuthPrincipalArgumentResolver());
		}

		@Override
		public int getOrder() {
			return ORDER;
		}

	}

}
