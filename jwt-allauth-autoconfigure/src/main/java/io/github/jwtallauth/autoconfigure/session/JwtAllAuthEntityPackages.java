package io.github.jwtallauth.autoconfigure.session;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.persistence.autoconfigure.EntityScanPackages;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

import io.github.jwtallauth.autoconfigure.JwtAllAuthProperties;

/**
 * Adds jwt-allauth's entities to the application's persistence unit without taking over
 * entity or repository scanning: to the auto-configuration packages, and to the
 * {@code @EntityScan} packages when the application declares its own.
 *
 * @author jwt-allauth contributors
 */
final class JwtAllAuthEntityPackages {

	private JwtAllAuthEntityPackages() {
	}

	static final class Registrar implements ImportBeanDefinitionRegistrar {

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			// jwt-allauth's root package: its entities live in the packages of their
			// features (users and
			// links in account, sessions here, mails in mail), and naming each would tie
			// this package to
			// the ones above it
			String[] packages = { JwtAllAuthProperties.class.getPackageName() };
			AutoConfigurationPackages.register(registry, packages);
			if (registry.containsBeanDefinition(EntityScanPackages.class.getName())) {
				EntityScanPackages.register(registry, packages);
			}
		}

	}

}
