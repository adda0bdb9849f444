package dev.provingground.load;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much measured work a host takes at once.
 *
 * @param capacityCpus the CPUs of a host that measurements may use together; 0 (the default) means this machine's
 * processors less one, which the platform and stacks that are not measured keep (at least 1)
 * @param loadGeneratorCpus what the load generator of one measurement needs, beside the stack's own ceilings
 * @param admissionExpiry a queue entry whose node stopped refreshing it for this long is dropped (the node crashed)
 */
@ConfigurationProperties("provingground.load")
public record LoadSettings(@DefaultValue("0") double capacityCpus, @DefaultValue("0.25") double loadGeneratorCpus,
		@DefaultValue("30s") Duration admissionExpiry) {

	public LoadSettings {
		if (capacityCpus < 0 || loadGeneratorCpus < 0 || admissionExpiry.toSeconds() < 2) {
			throw new IllegalArgumentException("provingground.load: capacity-cpus and load-generator-cpus are not "
					+ "negative, and admission-expiry is at least 2s");
		}
	}

	/** The capacity in CPUs: the configured one, or this machine's processors less one. */
	public double capacity() {
		return capacityCpus > 0 ? capacityCpus : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
	}

}
