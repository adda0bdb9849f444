package dev.provingground.sessions;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How peer sessions are requested, matched and closed.
 *
 * @param prompts the prompt bank's YAML file; a text, because Spring's conversion to a path refuses relative paths
 * @param length how long a session lasts; the pair's availability must overlap by at least this
 * @param minNotice the earliest a slot may start after the pair is matched, so that the partner can answer first
 * @param maxAhead how far ahead a learner may offer availability
 * @param matchDeadline how long a request looks for a partner (less when the availability window ends sooner)
 * @param matchRetryEvery how often a waiting request looks again, for partners freed by a decline
 * @param acceptWithin how long the proposed partner has to accept (less when the slot starts sooner)
 * @param evaluateWithin how long after the slot ends both may still evaluate; who has not by then is a no-show
 * @param endorsementWindow how long after a held session each participant may endorse the other
 */
@ConfigurationProperties("provingground.sessions")
public record SessionSettings(String prompts, Duration length, Duration minNotice, Duration maxAhead,
		Duration matchDeadline, Duration matchRetryEvery, Duration acceptWithin, Duration evaluateWithin,
		Duration endorsementWindow) {

	public SessionSettings {
		prompts = prompts == null || prompts.isBlank() ? "sessions/prompts.yaml" : prompts;
		length = length == null ? Duration.ofMinutes(60) : length;
		minNotice = minNotice == null ? Duration.ofMinutes(30) : minNotice;
		maxAhead = maxAhead == null ? Duration.ofDays(14) : maxAhead;
		matchDeadline = matchDeadline == null ? Duration.ofHours(48) : matchDeadline;
		matchRetryEvery = matchRetryEvery == null ? Duration.ofMinutes(15) : matchRetryEvery;
		acceptWithin = acceptWithin == null ? Duration.ofHours(24) : acceptWithin;
		evaluateWithin = evaluateWithin == null ? Duration.ofHours(24) : evaluateWithin;
		endorsementWindow = endorsementWindow == null ? Duration.ofDays(7) : endorsementWindow;
	}

	Path promptsPath() {
		return Path.of(prompts).toAbsolutePath().normalize();
	}

}
