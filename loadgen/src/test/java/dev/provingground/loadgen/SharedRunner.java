package dev.provingground.loadgen;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests that share one runner per class, as the application shares one. */
abstract class SharedRunner {

	static LoadRunner runner;

	@BeforeAll
	static void startRunner() {
		runner = new LoadRunner();
	}

	@AfterAll
	static void closeRunner() {
		runner.close();
	}

}
