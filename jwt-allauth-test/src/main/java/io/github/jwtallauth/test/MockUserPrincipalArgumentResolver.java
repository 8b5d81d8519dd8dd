package io.github.jwtallauth.test;

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
 * In tests only, resolves {@code @AuthenticationPrincipal JwtAllAuthPrincipal} from
 * Spring Security's generic mock users too ({@code @WithMockUser}, MockMvc's
 * {@code user(...)}, {@code @WithUserDetails}): the user's name becomes the subject and
 * the one role of {@code jwtallauth.roles} whose authority it has becomes the role; a
 * user with no such role, or several, fails with a message naming
 * {@link WithJwtAllAuthUser}. Registered ahead of jwt-allauth's own resolver, which in an
 * application refuses every authentication that is not a jwt-allauth access token.
 *
 * @author jwt-allauth contributors
 */
final class MockUserPrincipalArgumentResolver implements HandlerMethodArgumentResolver {

	private final TestPrincipals principals;

	MockUserPrincipalArgumentResolver(TestPrincipals principals) {
		this.principals = principals;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		AuthenticationPrincipal annotation = AnnotatedElementUtils.findMergedAnnotation(parameter.getParameter(),
				AuthenticationPrincipal.class);
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
		return this.principals.principalOf(authentication);
	}

	/**
	 * Registers the resolver ahead of every other one for the same parameters.
	 */
	static final class Registration implements WebMvcConfigurer, Ordered {

		private final TestPrincipals principals;

		Registration(TestPrincipals principals) {
			this.principals = principals;
		}

		@Override
		public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
			resolvers.add(new MockUserPrincipalArgumentResolver(this.principals));
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
