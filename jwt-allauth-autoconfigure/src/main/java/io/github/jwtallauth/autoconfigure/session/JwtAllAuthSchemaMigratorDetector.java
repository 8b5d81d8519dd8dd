package io.github.jwtallauth.autoconfigure.session;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Marks {@link JwtAllAuthSchemaMigrator} as a database initializer, so that Boot makes the
 * {@code EntityManagerFactory} and every other bean that uses the database wait for it.
 *
 * @author jwt-allauth contributors
 */
class JwtAllAuthSchemaMigratorDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(JwtAllAuthSchemaMigrator.class);
	}

}
