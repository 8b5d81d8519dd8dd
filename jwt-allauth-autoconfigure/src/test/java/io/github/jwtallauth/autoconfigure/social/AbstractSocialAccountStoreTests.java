package io.github.jwtallauth.autoconfigure.social;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The social account store against each database, on the table the library's migrations
 * create: links found by provider account, refused twice by the unique constraint (also
 * when two links race), touched, listed, deleted only by their user, counted. Every test
 * uses users and provider ids of its own, so a shared, long-lived database needs no
 * cleaning.
 */
public abstract class AbstractSocialAccountStoreTests {

	static final int THREADS = 20;

	// sub-millisecond digits on purpose: the store keeps milliseconds, on every database
	static final Instant NOW = Instant.parse("2026-03-14T09:26:53.589793238Z");

	static final Instant JOINED = NOW.truncatedTo(ChronoUnit.MILLIS);

	@Autowired
	JdbcTemplate jdbc;

	SocialAccountStore store;

	String alice;

	String bob;

	@BeforeEach
	void createStore() {
		this.store = new SocialAccountStore(this.jdbc);
		this.alice = unique("alice");
		this.bob = unique("bob");
	}

	@Test
	void linkWhenNewThenFoundByProviderAndUid() {
		String uid = unique("uid");
		SocialAccount linked = this.store.link(this.alice, "google", uid, NOW);
		assertThat(linked.id()).isPositive();
		assertThat(linked).isEqualTo(new SocialAccount(linked.id(), "google", uid, this.alice, JOINED, JOINED));
		assertThat(this.store.find("google", uid)).contains(linked);
		assertThat(this.store.find("github", uid)).isEmpty();
		assertThat(this.store.find("google", unique("uid"))).isEmpty();
	}

	@Test
	void linkWhenSameUidAtAnotherProviderThenBothLinked() {
		String uid = unique("uid");
		SocialAccount google = this.store.link(this.alice, "google", uid, NOW);
		SocialAccount github = this.store.link(this.bob, "github", uid, NOW);
		assertThat(this.store.find("google", uid)).contains(google);
		assertThat(this.store.find("github", uid)).contains(github);
	}

	@Test
	void linkWhenProviderAccountLinkedToSameUserThenDuplicateKey() {
		String uid = unique("uid");
		SocialAccount first = this.store.link(this.alice, "google", uid, NOW);
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.store.link(this.alice, "google", uid, NOW.plusSeconds(60)));
		assertThat(this.store.forUser(this.alice)).containsExactly(first);
	}

	@Test
	void linkWhenProviderAccountLinkedToAnotherUserThenDuplicateKeyAndLinkUnchanged() {
		String uid = unique("uid");
		SocialAccount first = this.store.link(this.alice, "google", uid, NOW);
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.store.link(this.bob, "google", uid, NOW.plusSeconds(60)));
		assertThat(this.store.find("google", uid)).contains(first);
		assertThat(this.store.countForUser(this.bob)).isZero();
	}

	@Test
	void linkWhenTwentyUsersLinkOneProviderAccountConcurrentlyThenExactlyOneSucceeds() throws Exception {
		String uid = unique("uid");
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<SocialAccount>> results = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				String user = this.alice + "-" + i;
				results.add(pool.submit(() -> {
					start.await();
					return this.store.link(user, "google", uid, NOW);
				}));
			}
			start.countDown();
			List<SocialAccount> winners = new ArrayList<>();
			int refused = 0;
			for (Future<SocialAccount> result : results) {
				try {
					winners.add(result.get(30, TimeUnit.SECONDS));
				}
				catch (ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(DuplicateKeyException.class);
					refused++;
				}
			}
			assertThat(winners).hasSize(1);
			assertThat(refused).isEqualTo(THREADS - 1);
			assertThat(this.store.find("google", uid)).contains(winners.get(0));
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void touchWhenLinkSignsInThenOnlyItsLastLoginChanges() {
		SocialAccount touched = this.store.link(this.alice, "google", unique("uid"), NOW);
		SocialAccount other = this.store.link(this.alice, "github", unique("uid"), NOW);
		Instant later = NOW.plus(Duration.ofDays(3).plusNanos(1_234_567));
		this.store.touch(touched.id(), later);
		assertThat(this.store.find("google", touched.uid())).contains(new SocialAccount(touched.id(), "google",
				touched.uid(), this.alice, later.truncatedTo(ChronoUnit.MILLIS), JOINED));
		assertThat(this.store.find("github", other.uid())).contains(other);
	}

	@Test
	void forUserWhenSeveralUsersLinkedThenOnlyTheUsersLinksOrderedById() {
		SocialAccount first = this.store.link(this.alice, "google", unique("uid"), NOW);
		SocialAccount bobs = this.store.link(this.bob, "google", unique("uid"), NOW);
		SocialAccount second = this.store.link(this.alice, "github", unique("uid"), NOW.minusSeconds(60));
		SocialAccount third = this.store.link(this.alice, "apple", unique("uid"), NOW.plusSeconds(60));
		assertThat(this.store.forUser(this.alice)).containsExactly(first, second, third);
		assertThat(this.store.forUser(this.alice)).extracting(SocialAccount::id).isSorted();
		assertThat(this.store.forUser(this.bob)).containsExactly(bobs);
		assertThat(this.store.forUser(unique("nobody"))).isEmpty();
	}

	@Test
	void deleteWhenLinkOfAnotherUserThenFalseAndRowKept() {
		SocialAccount bobs = this.store.link(this.bob, "google", unique("uid"), NOW);
		assertThat(this.store.delete(bobs.id(), this.alice)).isFalse();
		assertThat(this.store.find("google", bobs.uid())).contains(bobs);
		assertThat(this.store.forUser(this.bob)).containsExactly(bobs);
	}

	@Test
	void deleteWhenOwnLinkThenDeletedOnce() {
		SocialAccount kept = this.store.link(this.alice, "google", unique("uid"), NOW);
		SocialAccount deleted = this.store.link(this.alice, "github", unique("uid"), NOW);
		assertThat(this.store.delete(deleted.id(), this.alice)).isTrue();
		assertThat(this.store.find("github", deleted.uid())).isEmpty();
		assertThat(this.store.forUser(this.alice)).containsExactly(kept);
		assertThat(this.store.delete(deleted.id(), this.alice)).isFalse();
		// the provider account is free again
		assertThat(this.store.link(this.bob, "github", deleted.uid(), NOW).userId()).isEqualTo(this.bob);
	}

	@Test
	void countForUserWhenLinkedThenCountsOnlyTheUsersLinks() {
		assertThat(this.store.countForUser(this.alice)).isZero();
		this.store.link(this.alice, "google", unique("uid"), NOW);
		this.store.link(this.alice, "github", unique("uid"), NOW);
		this.store.link(this.bob, "google", unique("uid"), NOW);
		assertThat(this.store.countForUser(this.alice)).isEqualTo(2);
		assertThat(this.store.countForUser(this.bob)).isEqualTo(1);
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

}
