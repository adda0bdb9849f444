package dev.provingground.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.ProvingGroundApplication;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.util.FileSystemUtils;

/**
 * {@code bench/run search}: evidence search latency over 100,000 indexed items. Starts the platform (embedded
 * PostgreSQL and OpenSearch) on a fresh data directory, bulk-loads generated evidence straight into the index (the
 * outbox is not what is measured), warms up, then times QUERIES searches through {@link EvidenceSearch}: text only,
 * text for one learner, one kind in a month, and the newest items with no text.
 */
public final class SearchBenchmark {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The kinds of query, in the order {@link #query(int)} takes turns with them. */
	private static final List<String> MIX = List.of("text", "text_learner", "kind_month", "newest");

	private static final int LEARNERS = 5_000;

	private static final int SCENARIOS = 24;

	private static final List<String> SKILLS = List.of("databases", "api-design", "caching", "concurrency",
			"observability", "messaging");

	private static final List<String> FILLER = List.of("the", "a", "so", "then", "because", "I", "we", "it", "was",
			"when", "under", "load", "request", "query", "latency", "after", "before", "changed", "added", "removed",
			"fixed", "slow", "fast", "again", "every", "only", "first", "next", "time", "error");

	private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

	private static final Duration YEAR = Duration.ofDays(365);

	private final Random random = new Random(42);

	/** A generated vocabulary, drawn by a Zipf law: a few words are in most items, most words in a few. */
	private final String[] words;

	private final double[] cumulative;

	private SearchBenchmark(int vocabulary) {
		String[] syllables = { "ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "sho", "dra", "qui", "bel", "tor",
				"mon", "gax", "fen", "yul", "hip", "cor" };
		words = new String[vocabulary];
		for (int i = 0; i < vocabulary; i++) {
			StringBuilder word = new StringBuilder();
			int n = i;
			do {
				word.append(syllables[n % syllables.length]);
				n /= syllables.length;
			}
			while (n > 0);
			words[i] = word.append(syllables[i % 7]).toString();
		}
		cumulative = new double[vocabulary];
		double sum = 0;
		for (int rank = 0; rank < vocabulary; rank++) {
			sum += 1 / Math.pow(rank + 1, 1.07);
			cumulative[rank] = sum;
		}
		for (int rank = 0; rank < vocabulary; rank++) {
			cumulative[rank] /= sum;
		}
	}

	public static void main(String[] args) throws Exception {
		int documents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int queries = args.length > 1 ? Integer.parseInt(args[1]) : 500;
		// After 200 searches p95 was still falling (37 ms, then 30 ms for the same queries): the JIT is not done yet.
		int warmUp = 500;
		Path dataDir = Files.createTempDirectory("search-bench-");
		String result;
		try (var app = new SpringApplicationBuilder(ProvingGroundApplication.class).run("--server.port=0",
				"--provingground.data-dir=" + dataDir, "--provingground.evidence.index-interval=1h",
				"--provingground.scenarios.dir=../scenarios", "--provingground.rubrics.dir=../rubrics",
				"--logging.level.root=WARN")) {
			OpenSearchClient client = app.getBean(OpenSearchClient.class);
			EvidenceSearch evidence = app.getBean(EvidenceSearch.class);
			SearchBenchmark bench = new SearchBenchmark(20_000);

			long loadStarted = System.nanoTime();
			bench.load(client, documents);
			client.indices().refresh(refresh -> refresh.index(EvidenceIndex.NAME));
			double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
			long indexed = client.count(count -> count.index(EvidenceIndex.NAME)).count();

			for (int i = 0; i < warmUp; i++) {
				evidence.search(bench.query(i));
			}
			long[] nanos = new long[queries];
			long[][] byMix = new long[MIX.size()][(queries + MIX.size() - 1) / MIX.size()];
			long totalHits = 0;
			for (int i = 0; i < queries; i++) {
				EvidenceQuery query = bench.query(i);
				long started = System.nanoTime();
				EvidencePage page = evidence.search(query);
				nanos[i] = System.nanoTime() - started;
				byMix[i % MIX.size()][i / MIX.size()] = nanos[i];
				totalHits += page.total();
			}
			Arrays.sort(nanos);
			StringBuilder mix = new StringBuilder();
			for (int kind = 0; kind < MIX.size(); kind++) {
				long[] times = Arrays.copyOf(byMix[kind], (queries - kind + MIX.size() - 1) / MIX.size());
				Arrays.sort(times);
				mix.append(String.format(Locale.ROOT, ",\"p95_ms_%s\":%.2f", MIX.get(kind), percentile(times, 95)));
			}
			long bytes = client.indices().stats(stats -> stats.index(EvidenceIndex.NAME)).indices()
				.get(EvidenceIndex.NAME).primaries().store().sizeInBytes();
			result = String.format(Locale.ROOT,
					"{\"benchmark\":\"search\",\"documents\":%d,\"queries\":%d,\"p50_ms\":%.2f,\"p95_ms\":%.2f,"
							+ "\"p99_ms\":%.2f,\"max_ms\":%.2f%s,\"mean_total_hits\":%d,\"index_mb\":%.1f,\"load_s\":%.1f,"
							+ "\"goal_p95_ms\":50}",
					indexed, queries, percentile(nanos, 50), percentile(nanos, 95), percentile(nanos, 99),
					nanos[nanos.length - 1] / 1e6, mix, totalHits / queries, bytes / 1e6, loadSeconds);
		}
		finally {
			FileSystemUtils.deleteRecursively(dataDir);
		}
		System.out.println(result);
		System.exit(0);
	}

	/** Runs of four items each (diff, reflection, check results, load report), bulk-indexed in batches. */
	private void load(OpenSearchClient client, int documents) throws IOException {
		new EvidenceIndex(client).ensureExists();
		List<BulkOperation> batch = new ArrayList<>();
		int added = 0;
		for (int run = 0; added < documents; run++) {
			for (Evidence item : run(run)) {
				if (added < documents) {
					batch.add(BulkOperation.of(operation -> operation.index(index -> index.index(EvidenceIndex.NAME)
						.id(item.id().toString())
						.document(EvidenceIndexer.document(item)))));
					added++;
				}
			}
			if (batch.size() >= 2_000 || added == documents) {
				var response = client.bulk(bulk -> bulk.operations(batch));
				if (response.errors()) {
					throw new IllegalStateException("Bulk indexing failed: " + response.items()
						.stream()
						.filter(item -> item.error() != null)
						.findFirst()
						.map(item -> item.error().reason())
						.orElse("?"));
				}
				batch.clear();
			}
		}
	}

	private List<Evidence> run(int number) {
		String learner = learner(random.nextInt(LEARNERS));
		String scenario = scenario(random.nextInt(SCENARIOS));
		String skill = SKILLS.get(random.nextInt(SKILLS.size()));
		String run = "run-" + number;
		Instant at = NOW.minusSeconds(random.nextLong(YEAR.toSeconds()));
		return Stream.of(Map.entry("diff", diff()), Map.entry("reflection", reflection()),
				Map.entry("check-results", checkResults()), Map.entry("load-report", loadReport()))
			.map(kind -> {
				String payload = json(kind.getValue());
				return new Evidence(UUID.randomUUID(), learner, skill, scenario, run, kind.getKey(), payload,
						EvidenceStore.sha256(payload), at.plusSeconds(random.nextInt(600)));
			})
			.toList();
	}

	private Map<String, Object> diff() {
		String file = "src/" + word() + "/" + word() + ".js";
		StringBuilder diff = new StringBuilder("--- a/" + file + "\n+++ b/" + file + "\n");
		int lines = 8 + random.nextInt(25);
		diff.append("@@ -").append(1 + random.nextInt(200)).append(',').append(lines).append(" @@\n");
		for (int line = 0; line < lines; line++) {
			String sign = switch (random.nextInt(3)) {
				case 0 -> "-";
				case 1 -> "+";
				default -> " ";
			};
			diff.append(sign)
				.append("  const ")
				.append(word())
				.append(" = await ")
				.append(word())
				.append('.')
				.append(word())
				.append('(')
				.append(word())
				.append(", ")
				.append(random.nextInt(1000))
				.append(")\n");
		}
		return Map.of("diff", diff.toString());
	}

	private Map<String, Object> reflection() {
		StringBuilder text = new StringBuilder();
		int sentences = 3 + random.nextInt(5);
		for (int sentence = 0; sentence < sentences; sentence++) {
			int length = 8 + random.nextInt(14);
			for (int i = 0; i < length; i++) {
				text.append(random.nextInt(3) == 0 ? word() : FILLER.get(random.nextInt(FILLER.size())));
				text.append(i == length - 1 ? ". " : " ");
			}
		}
		return Map.of("answer", text.toString().strip());
	}

	private Map<String, Object> checkResults() {
		List<Map<String, Object>> checks = new ArrayList<>();
		int count = 3 + random.nextInt(6);
		for (int i = 0; i < count; i++) {
			boolean passed = random.nextInt(5) > 0;
			checks.add(Map.of("id", word() + "-" + word(), "passed", passed, "message",
					passed ? "ok" : "expected " + word() + " but got " + word()));
		}
		return Map.of("checks", checks, "p95_ms", random.nextInt(400));
	}

	private Map<String, Object> loadReport() {
		return Map.of("profile", word(), "rps", 100 + random.nextInt(2000), "p95_ms", random.nextInt(400),
				"errors", random.nextInt(20) == 0 ? random.nextInt(50) : 0, "note", word() + " " + word() + " " + word());
	}

	/**
	 * The i-th query of a fixed mix: text only; text for one learner; one kind within a month; the newest items with
	 * no text. Words are drawn across the whole frequency range, so some match half the index and some a handful.
	 */
	private EvidenceQuery query(int i) {
		int page = random.nextInt(10) == 0 ? 1 + random.nextInt(4) : 0;
		return switch (i % MIX.size()) {
			case 0 -> new EvidenceQuery(queryText(), null, null, null, null, null, page, 20);
			case 1 -> new EvidenceQuery(queryText(), learner(random.nextInt(LEARNERS)), null, null, null, null, 0, 20);
			case 2 -> {
				Instant from = NOW.minus(YEAR).plusSeconds(random.nextLong(YEAR.toSeconds()));
				String kind = List.of("diff", "reflection", "check-results", "load-report").get(random.nextInt(4));
				yield new EvidenceQuery(null, null, null, kind, from, from.plus(Duration.ofDays(30)), page, 20);
			}
			default -> new EvidenceQuery(null, null, random.nextBoolean() ? scenario(random.nextInt(SCENARIOS)) : null,
					null, null, null, page, 20);
		};
	}

	/** One or two words, their ranks spread evenly on a log scale from the commonest to the rarest. */
	private String queryText() {
		String text = words[(int) Math.pow(words.length, random.nextDouble()) - 1];
		return random.nextBoolean() ? text : text + " " + words[(int) Math.pow(words.length, random.nextDouble()) - 1];
	}

	private String word() {
		int rank = Arrays.binarySearch(cumulative, random.nextDouble());
		return words[Math.min(rank < 0 ? -rank - 1 : rank, words.length - 1)];
	}

	private static String learner(int n) {
		return String.format(Locale.ROOT, "learner-%04d", n);
	}

	private static String scenario(int n) {
		return String.format(Locale.ROOT, "scenario-%02d", n + 1);
	}

	private static String json(Map<String, Object> payload) {
		try {
			return JSON.writeValueAsString(payload);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static double percentile(long[] sortedNanos, int percent) {
		int rank = (int) Math.ceil(percent / 100.0 * sortedNanos.length);
		return sortedNanos[Math.max(0, rank - 1)] / 1e6;
	}

}
