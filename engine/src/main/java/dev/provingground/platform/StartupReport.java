package dev.provingground.platform;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Prints one block when the platform is ready, so an operator sees where to go and what to log in with. */
@Component
class StartupReport {

	private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

	private final ObjectProvider<StartupSummary> summaries;

	private final PlatformSettings settings;

	StartupReport(ObjectProvider<StartupSummary> summaries, PlatformSettings settings) {
		this.summaries = summaries;
		this.settings = settings;
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		var report = new StringBuilder("\n\n  Proving Ground is up\n");
		if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
			String base = "http://127.0.0.1:" + web.getWebServer().getPort();
			append(report, List.of("Web UI:       " + base + "/", "Cockpit:      " + base + "/camunda/app/cockpit/",
					"REST API:     " + base + "/engine-rest (admins, HTTP Basic)",
					"Health:       " + base + "/actuator/health"));
		}
		append(report, List.of("Data:         " + settings.dataDir()));
		summaries.orderedStream().forEach(summary -> append(report, summary.lines()));
		log.info(report.toString());
	}

	private static void append(StringBuilder report, List<String> lines) {
		lines.forEach(line -> report.append("  ").append(line).append('\n'));
	}

}
