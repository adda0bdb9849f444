package dev.provingground.passport;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the platform names itself in the credentials it issues.
 *
 * @param baseUrl the platform's public address: the issuer's id, and the base of every link in a credential
 * @param issuerName the issuer's name, as wallets show it
 * @param keySecret the secret that the signing keys are encrypted with at rest; by default a file in
 * {@code <data>/secrets}, made on first start
 */
@ConfigurationProperties("provingground.passport")
record PassportSettings(String baseUrl, String issuerName, String keySecret) {

	PassportSettings {
		baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080" : baseUrl.strip().replaceAll("/+$", "");
		issuerName = issuerName == null || issuerName.isBlank() ? "Proving Ground" : issuerName.strip();
	}

	String url(String path) {
		return baseUrl + path;
	}

}
