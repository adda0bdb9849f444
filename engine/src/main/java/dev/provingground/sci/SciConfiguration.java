package dev.provingground.sci;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SciConfiguration {

	/** The SCI model, from {@code sci.yaml} in the rubrics folder. A broken file stops the start with every problem named. */
	@Bean
	SciParameters sciParameters(@Value("${provingground.rubrics.dir:rubrics}") String rubricsDir) {
		return SciParameters.read(Path.of(rubricsDir).toAbsolutePath().resolve(SciParameters.FILE));
	}

	@Bean
	SciCalculator sciCalculator(SciParameters parameters) {
		return new SciCalculator(parameters);
	}

}
