package dev.provingground.sessions;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.provingground.sci.Tier;

/**
 * Who may be paired with whom, and when: the matching rule on its own, without a database or a clock.
 * <p>
 * Two learners match when they hold the same tier in the skill, their SCIs lie in the same or neighbouring bands of
 * {@value #BAND_WIDTH} points, they were not matched with each other in the last 30 days, neither declined the
 * other, and their availability overlaps by a whole session after the minimum notice. Of those who match, the closest
 * in SCI is chosen, then the earliest slot, then the longest waiting request.
 */
final class PartnerMatcher {

	/** The trust rule: never the same two people within this time. */
	static final Duration NO_REPEAT = Duration.ofDays(30);

	static final double BAND_WIDTH = 20;

	/** The learner looking for a partner. {@code declinedBy}: who declined this request before. */
	record Seeker(String learnerId, Tier tier, double sci, Instant windowStart, Instant windowEnd,
			Set<String> declinedBy) {
	}

	/** Another learner's open request. {@code declinedBy}: who declined that request before. */
	record Candidate(UUID requestId, String learnerId, Tier tier, double sci, Instant windowStart, Instant windowEnd,
			Instant requestedAt, Set<String> declinedBy) {
	}

	record Match(Candidate partner, Instant slotStart, Instant slotEnd) {
	}

	private final Duration length;

	private final Duration minNotice;

	PartnerMatcher(Duration length, Duration minNotice) {
		this.length = length;
		this.minNotice = minNotice;
	}

	/**
	 * The best partner for the seeker among the candidates, with the slot, or none.
	 *
	 * @param lastMatched when the seeker was last matched with each learner they were ever matched with
	 */
	Optional<Match> choose(Seeker seeker, List<Candidate> candidates, Map<String, Instant> lastMatched, Instant now) {
		return candidates.stream()
			.filter(candidate -> !candidate.learnerId().equals(seeker.learnerId()))
			.filter(candidate -> candidate.tier() == seeker.tier())
			.filter(candidate -> bandGap(seeker.sci(), candidate.sci()) <= 1)
			.filter(candidate -> !seeker.declinedBy().contains(candidate.learnerId())
					&& !candidate.declinedBy().contains(seeker.learnerId()))
			.filter(candidate -> !recentlyMatched(lastMatched.get(candidate.learnerId()), now))
			.flatMap(candidate -> slot(seeker, candidate, now).stream())
			.min(Comparator.<Match>comparingInt(match -> bandGap(seeker.sci(), match.partner().sci()))
				.thenComparingDouble(match -> Math.abs(seeker.sci() - match.partner().sci()))
				.thenComparing(Match::slotStart)
				.thenComparing(match -> match.partner().requestedAt())
				.thenComparing(match -> match.partner().learnerId()));
	}

	/** The earliest slot of a whole session inside both windows, at least the minimum notice from now. */
	Optional<Match> slot(Seeker seeker, Candidate candidate, Instant now) {
		Instant earliest = latest(seeker.windowStart(), candidate.windowStart(), ceilToMinute(now.plus(minNotice)));
		Instant end = seeker.windowEnd().isBefore(candidate.windowEnd()) ? seeker.windowEnd() : candidate.windowEnd();
		Instant slotEnd = earliest.plus(length);
		return slotEnd.isAfter(end) ? Optional.empty() : Optional.of(new Match(candidate, earliest, slotEnd));
	}

	/** Whether a window can still hold a whole session after the minimum notice: what a request must offer. */
	boolean fitsASession(Instant windowStart, Instant windowEnd, Instant now) {
		Instant earliest = latest(windowStart, ceilToMinute(now.plus(minNotice)));
		return !earliest.plus(length).isAfter(windowEnd);
	}

	static boolean recentlyMatched(Instant matchedAt, Instant now) {
		return matchedAt != null && matchedAt.isAfter(now.minus(NO_REPEAT));
	}

	/** Bands of {@value #BAND_WIDTH} SCI points: 0–19, 20–39, … 80–100. */
	static int band(double sci) {
		return (int) Math.min(4, Math.floor(Math.max(0, sci) / BAND_WIDTH));
	}

	static int bandGap(double a, double b) {
		return Math.abs(band(a) - band(b));
	}

	/**
	 * The prompt for a pair of the given tier: one they may both take, one that neither had before when there is
	 * one, and the most advanced of those; the bank's order breaks ties.
	 */
	static Optional<Prompt> choosePrompt(List<Prompt> prompts, Tier tier, Set<String> hadBefore) {
		List<Prompt> eligible = prompts.stream().filter(prompt -> prompt.minTier() <= tier.level()).toList();
		List<Prompt> fresh = eligible.stream().filter(prompt -> !hadBefore.contains(prompt.id())).toList();
		return (fresh.isEmpty() ? eligible : fresh).stream()
			.sorted(Comparator.comparingInt(Prompt::minTier).reversed())
			.findFirst();
	}

	private static Instant ceilToMinute(Instant instant) {
		Instant floor = instant.truncatedTo(ChronoUnit.MINUTES);
		return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.MINUTES);
	}

	private static Instant latest(Instant first, Instant... others) {
		Instant latest = first;
		for (Instant other : others) {
			latest = other.isAfter(latest) ? other : latest;
		}
		return latest;
	}

}
