package io.github.jwtallauth.autoconfigure.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts, over the real JDBC driver, the SQL statements and commits an application
 * issues: the data source is wrapped in datasource-proxy.
 */
public final class QueryCounter {

	private final List<String> statements = Collections.synchronizedList(new ArrayList<>());

	private final AtomicInteger commits = new AtomicInteger();

	public void reset() {
		this.statements.clear();
		this.commits.set(0);
	}

	public List<String> statements() {
		synchronized (this.statements) {
			return List.copyOf(this.statements);
		}
	}

	public int commits() {
		return this.commits.get();
	}

	DataSource wrap(DataSource dataSource) {
		return ProxyDataSourceBuilder.create(dataSource)
			.name("counted")
			.afterQuery((execution, queries) -> queries.forEach((query) -> this.statements.add(query.getQuery())))
			.methodListener(new MethodExecutionListener() {

				@Override
				public void beforeMethod(MethodExecutionContext context) {
				}

				@Override
				public void afterMethod(MethodExecutionContext context) {
					if ("commit".equals(context.getMethod().getName()) && context.getThrown() == null) {
						QueryCounter.this.commits.incrementAndGet();
					}
				}

			})
			.build();
	}

	/** Wraps the application's data source. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		static QueryCounter queryCounter() {
			return new QueryCounter();
		}

		@Bean
		static BeanPostProcessor queryCountingDataSource(ObjectProvider<QueryCounter> counter) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof DataSource dataSource) ? counter.getObject().wrap(dataSource) : bean;
				}
			};
		}

	}

}
