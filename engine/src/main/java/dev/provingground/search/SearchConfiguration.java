package dev.provingground.search;

import java.net.URI;
import java.util.List;

import dev.provingground.platform.StartupSummary;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.lang.Nullable;

/** The one OpenSearch client of the platform. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

	/** The embedded node, when there is one, was started by {@link EmbeddedOpenSearchStarter}. */
	@Bean(destroyMethod = "close")
	OpenSearchTransport openSearchTransport(SearchSettings settings, @Nullable EmbeddedOpenSearchNode embedded) {
		String url = embedded != null ? embedded.url() : settings.url();
		HttpHost host;
		try {
			host = HttpHost.create(URI.create(url));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("OPENSEARCH_URL is not a valid URL: '" + url + "'", ex);
		}
		var builder = ApacheHttpClient5TransportBuilder.builder(host).setMapper(new JacksonJsonpMapper());
		if (settings.hasCredentials()) {
			builder.setHttpClientConfigCallback(client -> {
				var credentials = new BasicCredentialsProvider();
				credentials.setCredentials(new AuthScope(host), new UsernamePasswordCredentials(settings.username(),
						settings.password() == null ? new char[0] : settings.password().toCharArray()));
				return client.setDefaultCredentialsProvider(credentials);
			});
		}
		return builder.build();
	}

	@Bean
	OpenSearchClient openSearchClient(OpenSearchTransport transport) {
		return new OpenSearchClient(transport);
	}

	@Bean
	StartupSummary searchSummary(SearchSettings settings, @Nullable EmbeddedOpenSearchNode embedded) {
		String line = embedded != null ? "OpenSearch:   embedded at " + embedded.url() + ", data in " + embedded.home()
				: "OpenSearch:   external at " + settings.url();
		return () -> List.of(line);
	}

}
