package io.github.jwtallauth.autoconfigure.web;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;

/**
 * Auto-configuration for applications that document their API with springdoc-openapi:
 * jwt-allauth's own OpenAPI description (docs/openapi.yaml, with the configured base
 * path) is merged into the application's document, and jwt-allauth's controllers are
 * hidden from springdoc's scan, which would describe them again without types, every path
 * twice. Declare an {@link OpenApiCustomizer} bean named {@value #CUSTOMIZER} to replace
 * the merge.
 *
 * @author jwt-allauth contributors
 */
@AutoConfiguration(after = JwtAllAuthWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ OpenApiCustomizer.class, SpringDocUtils.class })
@EnableConfigurationProperties(JwtAllAuthProperties.class)
public final class JwtAllAuthSpringDocAutoConfiguration {

	/** Name of the customizer bean that merges jwt-allauth's description. */
	public static final String CUSTOMIZER = "jwtAllAuthOpenApiCustomizer";

	// by name: naming SocialController's class would load it without social login
	private static final String[] CONTROLLERS = { AuthenticationController.class.getName(),
			SessionController.class.getName(), UserController.class.getName(), PasswordController.class.getName(),
			PasswordResetController.class.getName(), RegistrationController.class.getName(),
			InvitationController.class.getName(), EmailVerificationController.class.getName(),
			MfaController.class.getName(), "io.github.jwtallauth.autoconfigure.web.SocialController",
			JwksController.class.getName(), OpenApiController.class.getName() };

	@Bean(CUSTOMIZER)
	@ConditionalOnMissingBean(name = CUSTOMIZER)
	OpenApiCustomizer jwtAllAuthOpenApiCustomizer(JwtAllAuthProperties properties) {
		SpringDocUtils.getConfig().addHiddenRestControllers(CONTROLLERS);
		return new OpenApiMerge(OpenApiDocument.forPaths(properties.basePath(), properties.jwt().jwksPath()));
	}

}
