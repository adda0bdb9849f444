package dev.provingground.diagnostics;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DiagnosticTrailTest {

	@Test
	void passwordsNeverReachTheTrail() {
		assertThat(DiagnosticTrail.redact("ALTER ROLE app PASSWORD 'hunter2'")).isEqualTo("ALTER ROLE app PASSWORD '***'");
		assertThat(DiagnosticTrail.redact("PGPASSWORD=s3cret psql -c 'select 1'")).isEqualTo("PGPASSWORD=*** psql -c 'select 1'");
		assertThat(DiagnosticTrail.redact("psql postgres://app:s3cret@10.0.0.1/db")).isEqualTo("psql postgres://app:***@10.0.0.1/db");
		assertThat(DiagnosticTrail.redact("password=abc host=x")).isEqualTo("password='***' host=x");
		assertThat(DiagnosticTrail.redact("SELECT 1")).isEqualTo("SELECT 1");
	}

	@Test
	void aLongInputIsCut() {
		assertThat(DiagnosticTrail.redact("x".repeat(5_000))).hasSize(DiagnosticTrail.MAX_INPUT + " … (1000 more characters)".length());
	}

	@Test
	void aFollowerGivesOnlyTheLinesWrittenSince() {
		var tails = new java.util.ArrayDeque<>(List.of(List.of("a", "b", "c"), List.of("b", "c", "d", "e"), List.of("d", "e"),
				List.of("x")));
		var follower = new StackLogs.Follower(tails::poll, "");
		assertThat(follower.next()).containsExactly("a", "b", "c");
		assertThat(follower.next()).containsExactly("d", "e");
		assertThat(follower.next()).isEmpty();
		assertThat(follower.next()).containsExactly("x");
	}

}
