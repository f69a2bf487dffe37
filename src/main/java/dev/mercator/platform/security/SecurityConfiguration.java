package dev.mercator.platform.security;

import dev.mercator.platform.ratelimit.RateLimitSettings;
import dev.mercator.platform.ratelimit.RateLimiter;
import dev.mercator.platform.ratelimit.SignedDeliveries;
import dev.mercator.platform.web.HttpSettings;
import dev.mercator.platform.web.ProblemResponses;
import dev.mercator.platform.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may reach what. Merchants authenticate with an API key and see only their own data; the operator uses the admin
 * token, and admin endpoints are closed when there is none. Webhooks and simulated providers check their own
 * signatures and tokens. Everything is stateless: no sessions, no cookies, so no CSRF surface.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            AdminAccess admin,
            ApiKeyAuthenticator keys,
            RateLimiter limiter,
            RateLimitSettings limits,
            HttpSettings httpSettings,
            ProblemResponses problems,
            List<SignedDeliveries> signedDeliveries) {
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(cors -> cors.configurationSource(corsConfiguration(httpSettings)))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                        + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
                                        + "base-uri 'none'; form-action 'none'"))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
                                .maxAgeInSeconds(Duration.ofDays(365).toSeconds())))
                .addFilterBefore(new CredentialsFilter(admin, keys), AnonymousAuthenticationFilter.class)
                .addFilterAfter(
                        new RequestRateLimitFilter(limiter, limits, problems, signedDeliveries),
                        CredentialsFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint(admin, problems))
                        .accessDeniedHandler(accessDenied(admin, problems)))
                .authorizeHttpRequests(auth -> auth.requestMatchers(HttpMethod.OPTIONS, "/**")
                        .permitAll()
                        .requestMatchers(PathAccess.PUBLIC.patterns())
                        .permitAll()
                        .requestMatchers(PathAccess.ADMIN.patterns())
                        .hasRole("ADMIN")
                        .requestMatchers(PathAccess.MERCHANT.patterns())
                        .hasRole("MERCHANT")
                        // Webhooks verify their HMAC, simulators their own tokens; docs and the error page are public;
                        // anything else is an unknown route and gets its 404 from MVC.
                        .anyRequest()
                        .permitAll());
        return http.build();
    }

    private static CorsConfigurationSource corsConfiguration(HttpSettings settings) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!settings.corsAllowedOrigins().isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(settings.corsAllowedOrigins());
            cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "PATCH"));
            cors.setAllowedHeaders(List.of("Content-Type", "X-Api-Key", "Authorization", "X-Request-Id"));
            cors.setExposedHeaders(List.of("X-Request-Id", "Retry-After", "X-RateLimit-Remaining"));
            cors.setMaxAge(Duration.ofHours(1));
            source.registerCorsConfiguration("/api/**", cors);
        }
        return source;
    }

    private static AuthenticationEntryPoint entryPoint(AdminAccess admin, ProblemResponses problems) {
        return (request, response, failure) -> {
            if (isAdminPath(request) && !admin.enabled()) {
                problems.write(request, response, adminClosed());
                return;
            }
            response.setHeader("WWW-Authenticate", "ApiKey realm=\"mercator\"");
            problems.write(
                    request,
                    response,
                    ProblemType.UNAUTHENTICATED,
                    isAdminPath(request)
                            ? "This endpoint requires the admin token (X-Admin-Token or Authorization: Bearer)"
                            : "A valid API key is required (X-Api-Key or Authorization: Bearer)");
        };
    }

    private static AccessDeniedHandler accessDenied(AdminAccess admin, ProblemResponses problems) {
        return (request, response, denied) -> {
            if (isAdminPath(request) && !admin.enabled()) {
                problems.write(request, response, adminClosed());
                return;
            }
            problems.write(request, response, ProblemType.FORBIDDEN, "This credential may not use this endpoint");
        };
    }

    private static org.springframework.http.ProblemDetail adminClosed() {
        return ProblemResponses.problem(
                ProblemType.ADMIN_DISABLED,
                "Admin endpoints are closed: no admin token is configured (MERCATOR_ADMIN_TOKEN)");
    }

    private static boolean isAdminPath(HttpServletRequest request) {
        return PathAccess.of(request.getRequestURI()) == PathAccess.ADMIN;
    }
}
