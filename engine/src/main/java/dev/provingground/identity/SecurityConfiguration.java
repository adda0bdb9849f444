package dev.provingground.identity;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;


/**
 * Who may reach what. Browsers sign in with a form and keep a session, protected against CSRF. API clients send HTTP
 * Basic on each request. Camunda's webapps and the engine REST API are for admins only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** Our CSRF cookie and header. Camunda's webapps use XSRF-TOKEN themselves, so ours must not share that name. */
	static final String CSRF_COOKIE = "PG-XSRF-TOKEN";

	static final String CSRF_HEADER = "X-PG-XSRF-TOKEN";

	private static final String ADMIN = Groups.roleOf(Groups.ADMINS);

	private static final String EVALUATOR = Groups.roleOf(Groups.EVALUATORS);

	/** The engine REST API: stateless HTTP Basic, admins only. No session, so no CSRF to protect. */
	@Bean
	@Order(1)
	SecurityFilterChain engineRestApi(HttpSecurity http) throws Exception {
		return http.securityMatcher(path("/engine-rest/**"))
			.authorizeHttpRequests(requests -> requests.anyRequest().hasRole(ADMIN))
			.httpBasic(Customizer.withDefaults())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain platform(HttpSecurity http) throws Exception {
		var csrfCookie = CookieCsrfTokenRepository.withHttpOnlyFalse();
		csrfCookie.setCookieName(CSRF_COOKIE);
		csrfCookie.setHeaderName(CSRF_HEADER);
		return http
			.authorizeHttpRequests(requests -> requests
				.requestMatchers(paths("/login", "/error", "/favicon.svg", "/assets/**", "/actuator/health/**")).permitAll()
				// Passports and credentials are for anyone to read and verify; the passport module enforces privacy.
				.requestMatchers(path("/api/passport/visibility")).authenticated()
				.requestMatchers(path(HttpMethod.GET, "/api/passport/**"), path(HttpMethod.GET, "/.well-known/jwks.json"),
						path(HttpMethod.POST, "/api/passport/verify")).permitAll()
				// A learner's public passport page and the verification page, for visitors without a login; the app
				// they load (index.html) asks the APIs above, which keep private passports private.
				.requestMatchers(path(HttpMethod.GET, "/passport/*"), path(HttpMethod.GET, "/index.html")).permitAll()
				.requestMatchers(paths("/camunda/**", "/actuator/**", "/admin/**", "/api/admin/**")).hasRole(ADMIN)
				.requestMatchers(paths("/review/**", "/api/review/**")).hasAnyRole(EVALUATOR, ADMIN)
				// Peer sessions are between learners; admins reach every page, as they do the review pages.
				.requestMatchers(paths("/sessions/**", "/api/sessions/**"))
				.hasAnyRole(Groups.roleOf(Groups.LEARNERS), ADMIN)
				.anyRequest().authenticated())
			.formLogin(form -> form.defaultSuccessUrl("/", false))
			.httpBasic(Customizer.withDefaults())
			// API calls from scripts and the SPA get a plain 401, not a redirect to the login page nor a Basic prompt.
			.exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
					new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), path("/api/**")))
			.csrf(csrf -> csrf.csrfTokenRepository(csrfCookie)
				.csrfTokenRequestHandler(new SinglePageAppCsrfHandler())
				// Camunda's webapps bring their own CSRF filter; Basic clients send credentials, not cookies.
				// Verifying changes nothing and anyone may call it, with no session to protect.
				.ignoringRequestMatchers(path("/camunda/**"), path(HttpMethod.POST, "/api/passport/verify"),
						carriesCredentials()))
			.addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"))
			.build();
	}

	/**
	 * Matches the whole request path. Camunda's REST API and webapps are not served by Spring MVC, so MVC-relative
	 * matchers would miss them.
	 */
	private static RequestMatcher path(String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(pattern);
	}

	private static RequestMatcher path(HttpMethod method, String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
	}

	private static RequestMatcher[] paths(String... patterns) {
		return java.util.Arrays.stream(patterns).map(SecurityConfiguration::path).toArray(RequestMatcher[]::new);
	}

	private static RequestMatcher carriesCredentials() {
		return request -> StringUtils.hasText(request.getHeader(HttpHeaders.AUTHORIZATION));
	}

	/**
	 * The SPA reads the token from the cookie and echoes it raw in a header; server-rendered forms (the login page) get
	 * the BREACH-safe masked token. Accept each in its own form.
	 */
	private static final class SinglePageAppCsrfHandler implements CsrfTokenRequestHandler {

		private final CsrfTokenRequestHandler plain = new CsrfTokenRequestAttributeHandler();

		private final CsrfTokenRequestHandler masked = new XorCsrfTokenRequestAttributeHandler();

		@Override
		public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
			masked.handle(request, response, token);
		}

		@Override
		public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
			boolean fromHeader = StringUtils.hasText(request.getHeader(token.getHeaderName()));
			return (fromHeader ? plain : masked).resolveCsrfTokenValue(request, token);
		}

	}

	/** Loads the deferred token on every request, so that the cookie is there before the SPA's first POST. */
	private static final class CsrfCookieFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
				token.getToken();
			}
			chain.doFilter(request, response);
		}

	}

}
