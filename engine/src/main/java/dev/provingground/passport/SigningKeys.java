package dev.provingground.passport;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.provingground.platform.PlatformSecrets;
import dev.provingground.platform.PlatformSettings;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform's ES256 (P-256) signing keys, kept in PostgreSQL so that every node signs with the same key and a
 * restart keeps it. The first start creates one; retired keys stay published, so older credentials still verify. The
 * private halves are encrypted ({@link KeyEncryption}) with a key that the database does not hold; a key stored before
 * that is encrypted on the first start.
 */
@Component
class SigningKeys implements ApplicationRunner {

	private final JdbcClient jdbc;

	private volatile ECKey active;

	private final KeyEncryption encryption;

	SigningKeys(JdbcClient jdbc, PassportSettings settings, PlatformSettings platform) {
		this.jdbc = jdbc;
		this.encryption = new KeyEncryption(PlatformSecrets.of(platform).get("passport-key", settings.keySecret()));
	}

	@Override
	public void run(ApplicationArguments args) {
		encryptStoredKeys();
		active();
	}

	/** Keys stored in the clear (before encryption at rest) are encrypted in place. */
	private void encryptStoredKeys() {
		var clear = jdbc.sql("select kid, private_jwk from passport_signing_key where private_jwk not like ?")
			.param(KeyEncryption.PREFIX + "%")
			.query((rs, row) -> List.of(rs.getString(1), rs.getString(2)))
			.list();
		for (List<String> key : clear) {
			jdbc.sql("update passport_signing_key set private_jwk = ? where kid = ? and private_jwk = ?")
				.params(encryption.encrypt(key.get(1)), key.get(0), key.get(1))
				.update();
		}
	}

	/** The key pair that signs new credentials. */
	ECKey active() {
		ECKey key = active;
		if (key == null) {
			key = activeOrCreate();
			active = key;
		}
		return key;
	}

	/** The public half of every key, as served at the JWKS endpoint. */
	JWKSet publicKeys() {
		active();
		return new JWKSet(jdbc.sql("select public_jwk from passport_signing_key order by created_at")
			.query((rs, row) -> (JWK) parse(rs.getString(1)))
			.list());
	}

	Optional<ECKey> publicKey(String kid) {
		return jdbc.sql("select public_jwk from passport_signing_key where kid = ?")
			.param(kid)
			.query((rs, row) -> parse(rs.getString(1)))
			.optional();
	}

	private synchronized ECKey activeOrCreate() {
		Optional<ECKey> stored = stored();
		if (stored.isPresent()) {
			return stored.get();
		}
		ECKey generated = generate();
		// Another node may have created one meanwhile; the unique index on the active key lets only one win.
		jdbc.sql("insert into passport_signing_key (kid, private_jwk, public_jwk) values (?, ?, ?) on conflict do nothing")
			.params(generated.getKeyID(), encryption.encrypt(generated.toJSONString()),
					generated.toPublicJWK().toJSONString())
			.update();
		return stored().orElseThrow();
	}

	private Optional<ECKey> stored() {
		List<ECKey> keys = jdbc.sql("select private_jwk from passport_signing_key where active")
			.query((rs, row) -> parse(encryption.decrypt(rs.getString(1))))
			.list();
		return keys.stream().findFirst();
	}

	private static ECKey generate() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.keyIDFromThumbprint(true)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate the passport signing key", ex);
		}
	}

	private static ECKey parse(String jwk) {
		try {
			return ECKey.parse(jwk);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A stored passport signing key is not a valid EC JWK", ex);
		}
	}

}
