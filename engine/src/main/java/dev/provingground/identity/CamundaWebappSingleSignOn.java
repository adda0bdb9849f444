package dev.provingground.identity;

import java.util.Map;

import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.autoconfigure.security.SecurityProperties;

/**
 * Cockpit, Tasklist and Admin trust the user that Spring Security signed in, so an admin signs in once. Camunda's
 * filter reads the servlet principal, which Spring Security provides, and looks the groups up itself.
 */
@Configuration(proxyBeanMethods = false)
class CamundaWebappSingleSignOn {

	@Bean
	FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaContainerAuthentication() {
		var registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
		registration.setInitParameters(
				Map.of("authentication-provider", ContainerBasedAuthenticationProvider.class.getName()));
		registration.addUrlPatterns("/camunda/*");
		// After Spring Security's filter chain (order -100), before Camunda's own session-based filters.
		registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 50);
		return registration;
	}

}
