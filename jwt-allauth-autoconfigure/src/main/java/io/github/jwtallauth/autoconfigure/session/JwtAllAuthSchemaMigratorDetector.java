package io.github.jwtallauth.autoconfigure.session;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Marks {@link JwtAllAuthSchemaMigrator} as a database initializer, so that Boot makes
 * the {@code EntityManagerFactory} and every other bean that uses the database wait for
 * it, and runs it after the application's own Flyway or Liquibase.
 *
 * @author jwt-allauth contributors
 */
final class JwtAllAuthSchemaMigratorDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	// After Flyway and Liquibase (order 1), so that an application's own migrations meet
	// the empty
	// schema they expect; ours baseline on a non-empty schema by design.
	@Override
	public int getOrder() {
		return 10;
	}

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(JwtAllAuthSchemaMigrator.class);
	}

}
