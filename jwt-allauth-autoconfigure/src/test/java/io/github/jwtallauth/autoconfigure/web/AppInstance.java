package io.github.jwtallauth.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.github.jwtallauth.autoconfigure.account.AccountService;
import io.github.jwtallauth.autoconfigure.account.NewAccount;
import io.github.jwtallauth.autoconfigure.account.UserAccount;
import io.github.jwtallauth.autoconfigure.housekeeping.PurgeTask;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient;
import io.github.jwtallauth.autoconfigure.test.HttpTestClient.Response;
import io.github.jwtallauth.autoconfigure.test.TestProperties;
import io.github.jwtallauth.autoconfigure.test.TestUsers;
import io.github.jwtallauth.testapp.TestApplication;

/**
 * One running application, started as its own Spring application context on a random
 * port, as a second server process would be: several of them against one database are
 * several instances of one deployment.
 */
final class AppInstance implements AutoCloseable {

	final ConfigurableApplicationContext context;

	final HttpTestClient http;

	final String name;

	private AppInstance(String name, ConfigurableApplicationContext context) {
		this.name = name;
		this.context = context;
		this.http = new HttpTestClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
	}

	static AppInstance start(String name, Map<String, Object> properties) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("server.port", "0");
		all.put("spring.main.banner-mode", "off");
		all.put("spring.application.name", name);
		all.put("spring.flyway.enabled", "false");
		all.put(key(TestProperties.JWT_SECRET), value(TestProperties.JWT_SECRET));
		all.put(key(TestProperties.VALIDATE_SCHEMA), value(TestProperties.VALIDATE_SCHEMA));
		all.put("spring.datasource.hikari.maximum-pool-size", "5");
		all.putAll(properties);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class,
				PurgeCounting.class)
			.properties(all)
			.run();
		return new AppInstance(name, context);
	}

	private static String key(String property) {
		return property.substring(0, property.indexOf('='));
	}

	private static String value(String property) {
		return property.substring(property.indexOf('=') + 1);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	JdbcTemplate jdbc() {
		return bean(JdbcTemplate.class);
	}

	TestUsers users() {
		return new TestUsers(bean(AccountService.class), bean(PasswordEncoder.class));
	}

	UserAccount user(String email) {
		return bean(AccountService.class).create(new NewAccount(email,
				bean(PasswordEncoder.class).encode(TestUsers.PASSWORD), "Ada", "Lovelace", 0, true, true));
	}

	PurgeCounts purges() {
		return bean(PurgeCounts.class);
	}

	Response login(String email, String password) {
		return this.http.post("/jwt-allauth/login").json(TestUsers.loginJson(email, password)).send();
	}

	Response refresh(String refreshToken) {
		return this.http.post("/jwt-allauth/refresh").json("{\"refresh\":\"" + refreshToken + "\"}").send();
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Override
	public String toString() {
		return this.name;
	}

	/**
	 * Counts, per purge task bean, the rows each run reports deleted, and keeps every
	 * failure: the two purge jobs of two instances must add up to the rows that expired.
	 */
	@Configuration(proxyBeanMethods = false)
	static class PurgeCounting {

		@Bean
		static PurgeCounts purgeCounts() {
			return new PurgeCounts();
		}

	}

	static final class PurgeCounts implements BeanPostProcessor {

		private final Map<String, AtomicLong> deleted = new ConcurrentHashMap<>();

		private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (!(bean instanceof PurgeTask task)) {
				return bean;
			}
			AtomicLong count = this.deleted.computeIfAbsent(beanName, (name) -> new AtomicLong());
			return (PurgeTask) (batchSize) -> {
				try {
					int rows = task.purgeBatch(batchSize);
					count.addAndGet(rows);
					return rows;
				}
				catch (RuntimeException ex) {
					this.failures.add(ex);
					throw ex;
				}
			};
		}

		long deleted(String beanName) {
			AtomicLong count = this.deleted.get(beanName);
			if (count == null) {
				throw new IllegalStateException("No purge task " + beanName + " in " + this.deleted.keySet());
			}
			return count.get();
		}

		List<RuntimeException> failures() {
			return this.failures;
		}

	}

}
