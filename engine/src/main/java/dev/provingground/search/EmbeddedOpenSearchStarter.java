package dev.provingground.search;

import dev.provingground.platform.PlatformSettings;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the embedded OpenSearch node before the application context is refreshed, so that its several seconds of
 * start-up overlap with the engine's, instead of adding to them. Registered in {@code META-INF/spring.factories}.
 * The node joins the context as a bean; the context finishes starting only once the node is up.
 */
class EmbeddedOpenSearchStarter implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String BEAN_NAME = "embeddedOpenSearchNode";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		var binder = Binder.get(context.getEnvironment());
		var settings = binder.bindOrCreate("provingground.search", SearchSettings.class);
		if (!settings.embedded()) {
			return;
		}
		var platform = binder.bindOrCreate("provingground", PlatformSettings.class);
		var node = EmbeddedOpenSearchNode.startInBackground(platform.dataDirOf("opensearch"));
		var beans = (DefaultListableBeanFactory) context.getBeanFactory();
		beans.registerSingleton(BEAN_NAME, node);
		// Registered first, so destroyed last: after every client of the node.
		beans.registerDisposableBean(BEAN_NAME, node::close);
	}

}
