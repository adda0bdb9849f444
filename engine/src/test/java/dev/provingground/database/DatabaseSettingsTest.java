package dev.provingground.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DatabaseSettingsTest {

	@Test
	void noUrlMeansEmbedded() {
		assertThat(new DatabaseSettings("", null, null, 0, null).embedded()).isTrue();
		assertThat(new DatabaseSettings("jdbc:postgresql://db:5432/pg", null, null, 0, null).embedded()).isFalse();
	}

	/** Commits wait for the disk unless the operator says otherwise. */
	@Test
	void commitsAreSynchronousByDefault() {
		assertThat(new DatabaseSettings("", null, null, 0, null).synchronousCommit()).isTrue();
		assertThat(new DatabaseSettings("", null, null, 0, false).synchronousCommit()).isFalse();
	}

	@Test
	void aJdbcUrlIsUsedAsItIs() {
		var connection = new DatabaseSettings("jdbc:postgresql://db:5432/pg", "u", "p", 0, null).external();
		assertThat(connection).isEqualTo(new DatabaseSettings.ConnectionInfo("jdbc:postgresql://db:5432/pg", "u", "p"));
	}

	@Test
	void aLibpqUrlIsTranslatedWithItsCredentials() {
		var connection = new DatabaseSettings("postgres://pg:s3cret@db.internal/provingground?sslmode=require", null,
				null, 0, null).external();
		assertThat(connection).isEqualTo(new DatabaseSettings.ConnectionInfo(
				"jdbc:postgresql://db.internal:5432/provingground?sslmode=require", "pg", "s3cret"));
	}

	@Test
	void explicitCredentialsWinOverTheUrls() {
		var connection = new DatabaseSettings("postgresql://pg:old@db:6543/x", "admin", "new", 0, null).external();
		assertThat(connection.user()).isEqualTo("admin");
		assertThat(connection.password()).isEqualTo("new");
		assertThat(connection.jdbcUrl()).isEqualTo("jdbc:postgresql://db:6543/x");
	}

	@Test
	void anUnknownSchemeIsAClearErrorThatHidesThePassword() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DatabaseSettings("mysql://root:hunter2@db/x", null, null, 0, null).external())
			.withMessageContaining("DATABASE_URL must start with")
			.withMessageNotContaining("hunter2");
	}

}
