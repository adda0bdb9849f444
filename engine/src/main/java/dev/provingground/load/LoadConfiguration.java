package dev.provingground.load;

import dev.provingground.loadgen.LoadRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LoadConfiguration {

	/** One runner for the whole application: it owns the HTTP client's connections and threads. */
	@Bean(destroyMethod = "close")
	LoadRunner loadRunner() {
		return new LoadRunner();
	}

}
