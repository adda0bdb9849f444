package dev.provingground.provisioning;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;

/**
 * How stacks are provisioned.
 *
 * @param cacheDir seeded database templates and npm installs, per scenario version; defaults to {@code <data>/cache}
 * @param stacksDir each stack's database, logs and balancer config; defaults to {@code <data>/stacks}
 * @param startTimeout how long a service may take to become healthy
 * @param heartbeat how often this platform node tells the database that its stacks are alive
 * @param orphanAfter a stack whose node sent no heartbeat for this long was orphaned by a crash, and is reaped
 * @param reaperInterval how often the reaper looks for stacks to remove
 * @param node the Node.js executable; {@code npm} is looked up beside it on the PATH
 * @param nginx the nginx executable
 */
@ConfigurationProperties("provingground.provisioning")
record ProvisioningSettings(@Nullable Path cacheDir, @Nullable Path stacksDir,
		@DefaultValue("60s") Duration startTimeout, @DefaultValue("10s") Duration heartbeat,
		@DefaultValue("2m") Duration orphanAfter, @DefaultValue("30s") Duration reaperInterval,
		@DefaultValue("node") String node, @DefaultValue("npm") String npm, @DefaultValue("nginx") String nginx) {

}
