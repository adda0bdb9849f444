package dev.provingground.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.provingground.sci.Tier;
import dev.provingground.sessions.PartnerMatcher.Candidate;
import dev.provingground.sessions.PartnerMatcher.Seeker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The matching rule on its own: tier, SCI band, no repeat within 30 days, declines, and overlapping availability. */
class PartnerMatcherTest {

	private static final Instant NOW = Instant.parse("2030-05-01T08:00:00Z");

	private final PartnerMatcher matcher = new PartnerMatcher(Duration.ofMinutes(60), Duration.ofMinutes(30));

	/** ada, tier 2 with SCI 45 (band 2), free 10:00–14:00. */
	private final Seeker ada = new Seeker("ada", Tier.PRACTICED, 45, at("10:00"), at("14:00"), Set.of());

	@Test
	void pairsTheClosestSciOfTheSameTierAtTheEarliestSlotOfTheOverlap() {
		var far = candidate("bo", Tier.PRACTICED, 25, "09:00", "13:00"); // band 1: one band away
		var close = candidate("cy", Tier.PRACTICED, 50, "11:30", "15:00"); // band 2

		var match = matcher.choose(ada, List.of(far, close), Map.of(), NOW).orElseThrow();

		assertThat(match.partner().learnerId()).isEqualTo("cy");
		assertThat(match.slotStart()).isEqualTo(at("11:30"));
		assertThat(match.slotEnd()).isEqualTo(at("12:30"));
		assertThat(matcher.choose(ada, List.of(far), Map.of(), NOW)).as("a neighbouring band still matches")
			.hasValueSatisfying(m -> assertThat(m.slotStart()).isEqualTo(at("10:00")));
	}

	@Test
	void neverPairsAcrossTiersOrBandsTwoApart() {
		var otherTier = candidate("bo", Tier.VERIFIED, 45, "10:00", "14:00");
		var twoBandsAway = candidate("cy", Tier.PRACTICED, 85, "10:00", "14:00"); // band 4 against band 2

		assertThat(matcher.choose(ada, List.of(otherTier, twoBandsAway), Map.of(), NOW)).isEmpty();
		assertThat(PartnerMatcher.band(0)).isZero();
		assertThat(PartnerMatcher.band(19.99)).isZero();
		assertThat(PartnerMatcher.band(20)).isEqualTo(1);
		assertThat(PartnerMatcher.band(100)).isEqualTo(4);
	}

	@Test
	void neverPairsTheSameTwoWithinThirtyDays() {
		var bo = candidate("bo", Tier.PRACTICED, 45, "10:00", "14:00");

		assertThat(matcher.choose(ada, List.of(bo), Map.of("bo", NOW.minus(Duration.ofDays(29))), NOW)).isEmpty();
		assertThat(matcher.choose(ada, List.of(bo), Map.of("bo", NOW.minus(Duration.ofDays(31))), NOW)).isPresent();
	}

	@Test
	void neverPairsSomeoneWhoDeclinedEitherWayNorTheSeekerThemself() {
		var bo = candidate("bo", Tier.PRACTICED, 45, "10:00", "14:00");
		var declinedByBo = new Seeker("ada", Tier.PRACTICED, 45, at("10:00"), at("14:00"), Set.of("bo"));
		var boDeclinedAda = new Candidate(UUID.randomUUID(), "bo", Tier.PRACTICED, 45, at("10:00"), at("14:00"), NOW,
				Set.of("ada"));
		var adaAgain = candidate("ada", Tier.PRACTICED, 45, "10:00", "14:00");

		assertThat(matcher.choose(declinedByBo, List.of(bo), Map.of(), NOW)).isEmpty();
		assertThat(matcher.choose(ada, List.of(boDeclinedAda, adaAgain), Map.of(), NOW)).isEmpty();
	}

	@Test
	void theOverlapMustHoldAWholeSessionAfterTheNotice() {
		var shortOverlap = candidate("bo", Tier.PRACTICED, 45, "13:15", "18:00"); // 45 minutes with ada
		assertThat(matcher.choose(ada, List.of(shortOverlap), Map.of(), NOW)).isEmpty();

		// At 09:45 the notice pushes the earliest slot to 10:15; bo's window ends 11:00: 45 minutes left.
		var endsSoon = candidate("bo", Tier.PRACTICED, 45, "09:00", "11:00");
		assertThat(matcher.choose(ada, List.of(endsSoon), Map.of(), at("09:45"))).isEmpty();
		assertThat(matcher.choose(ada, List.of(endsSoon), Map.of(), at("09:15")))
			.hasValueSatisfying(match -> assertThat(match.slotStart()).isEqualTo(at("10:00")));
		// Mid-minute, the slot starts on the next whole minute.
		var late = candidate("bo", Tier.PRACTICED, 45, "09:00", "14:00");
		assertThat(matcher.choose(ada, List.of(late), Map.of(), at("10:00").plusSeconds(20)))
			.hasValueSatisfying(match -> assertThat(match.slotStart()).isEqualTo(at("10:31")));
	}

	@Test
	void aWindowMustHoldASessionAfterTheNotice() {
		assertThat(matcher.fitsASession(at("10:00"), at("11:00"), NOW)).isTrue();
		assertThat(matcher.fitsASession(at("08:00"), at("09:29"), NOW)).as("08:30 + 60 min > 09:29").isFalse();
		assertThat(matcher.fitsASession(at("08:00"), at("09:30"), NOW)).isTrue();
	}

	@Test
	void equallyCloseCandidatesGoByEarliestSlotThenLongestWaiting() {
		var later = new Candidate(UUID.randomUUID(), "bo", Tier.PRACTICED, 47, at("12:00"), at("14:00"), NOW, Set.of());
		var earlier = new Candidate(UUID.randomUUID(), "cy", Tier.PRACTICED, 43, at("10:00"), at("14:00"), NOW, Set.of());
		var waitedLonger = new Candidate(UUID.randomUUID(), "di", Tier.PRACTICED, 47, at("10:00"), at("14:00"),
				NOW.minusSeconds(3600), Set.of());

		assertThat(matcher.choose(ada, List.of(later, earlier), Map.of(), NOW).orElseThrow().partner().learnerId())
			.isEqualTo("cy");
		assertThat(matcher.choose(ada, List.of(earlier, waitedLonger), Map.of(), NOW).orElseThrow().partner().learnerId())
			.isEqualTo("di");
	}

	@Test
	void advancedPromptsGoToHigherTiersAndFreshPromptsComeFirst() {
		var shortener = prompt("url-shortener", 1);
		var cache = prompt("distributed-cache", 1);
		var consensus = prompt("distributed-consensus", 3);
		var bank = List.of(shortener, cache, consensus);

		assertThat(PartnerMatcher.choosePrompt(bank, Tier.CLAIMED, Set.of())).contains(shortener);
		assertThat(PartnerMatcher.choosePrompt(bank, Tier.PRACTICED, Set.of("url-shortener"))).contains(cache);
		assertThat(PartnerMatcher.choosePrompt(bank, Tier.VERIFIED, Set.of())).contains(consensus);
		assertThat(PartnerMatcher.choosePrompt(bank, Tier.CLAIMED, Set.of("url-shortener", "distributed-cache")))
			.as("when every prompt was had, one is repeated").contains(shortener);
	}

	private static Candidate candidate(String learner, Tier tier, double sci, String from, String to) {
		return new Candidate(UUID.randomUUID(), learner, tier, sci, at(from), at(to), NOW, Set.of());
	}

	private static Prompt prompt(String id, int minTier) {
		return new Prompt(id, "system-design", id, minTier > 1 ? Prompt.Level.ADVANCED : Prompt.Level.CORE, minTier,
				"brief", List.of("focus"));
	}

	private static Instant at(String time) {
		return Instant.parse("2030-05-01T" + time + ":00Z");
	}

}
