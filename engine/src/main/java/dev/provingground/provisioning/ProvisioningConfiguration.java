package dev.provingground.provisioning;

import java.util.UUID;

import dev.provingground.platform.PlatformSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The local provisioner, unless another one is configured. */
@Configuration(proxyBeanMethods = false)
class ProvisioningConfiguration {

	@Bean(destroyMethod = "tearDownAll")
	@ConditionalOnProperty(name = "provingground.provisioning.mode", havingValue = "local", matchIfMissing = true)
	LocalStackProvisioner localStackProvisioner(StackRecords records, ProvisioningSettings settings,
			PlatformSettings platform) {
		return new LocalStackProvisioner(records, settings,
				settings.stacksDir() != null ? settings.stacksDir() : platform.dataDirOf("stacks"),
				settings.cacheDir() != null ? settings.cacheDir() : platform.dataDirOf("cache"),
				UUID.randomUUID().toString());
	}

}
