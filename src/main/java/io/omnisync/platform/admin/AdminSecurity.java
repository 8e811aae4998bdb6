package io.omnisync.platform.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.audit.AuditLog;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what: webhooks are open (each verifies its sender's signature), health and Prometheus are open,
 * the admin API needs HTTP Basic sign-in with a role (viewer reads, operator replays, admin discards and reads
 * the audit log), and every other actuator endpoint needs admin. Refusals are RFC 9457 problem bodies; a refused
 * admin call is written to the audit log.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class AdminSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(AdminSecurity.class);
    private static final String[] READERS = {"VIEWER", "OPERATOR", "ADMIN"};

    @Bean
    InMemoryUserDetailsManager adminUsers(AdminProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<UserDetails> users = properties.getUsers().stream().map(u -> User.withUsername(u.getUsername())
                .password(u.getPassword().startsWith("{") ? u.getPassword() : "{noop}" + u.getPassword())
                .roles(u.getRole().name()).build()).toList();
        if (users.isEmpty()) {
            LOG.warn("no admin users are configured (omnisync.admin.users): the admin API refuses everyone");
        }
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(users);
        return manager;
    }

    @Bean
    SecurityFilterChain omnisyncSecurity(HttpSecurity http, ObjectMapper mapper, AuditLog audit) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/webhooks/**", "/actuator/health", "/actuator/health/**",
                                "/actuator/prometheus", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/admin/audit").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/admin/**").hasAnyRole(READERS)
                        .requestMatchers(HttpMethod.POST, "/admin/dead-letters/*/discard", "/admin/dead-letters/discard",
                                "/admin/customers/forget")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/admin/**").hasAnyRole("OPERATOR", "ADMIN")
                        .anyRequest().hasRole("ADMIN"))
                .httpBasic(basic -> basic.realmName("omnisync admin").authenticationEntryPoint((request, response, e) ->
                        problem(mapper, response, HttpStatus.UNAUTHORIZED, "sign in with an omnisync admin user "
                                + "(HTTP Basic); users are configured in omnisync.admin.users")))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> problem(mapper, response,
                                HttpStatus.UNAUTHORIZED, "sign in with an omnisync admin user (HTTP Basic); users are "
                                        + "configured in omnisync.admin.users"))
                        .accessDeniedHandler((request, response, e) -> {
                            String user = request.getUserPrincipal() == null ? "anonymous" : request.getUserPrincipal().getName();
                            audit.record(user, request.getMethod() + " " + request.getRequestURI(), "admin-api", "refused: role");
                            problem(mapper, response, HttpStatus.FORBIDDEN, "your role may not " + request.getMethod()
                                    + " " + request.getRequestURI() + ": viewer reads, operator replays, admin discards");
                        }));
        return http.build();
    }

    private static void problem(ObjectMapper mapper, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"omnisync admin\"");
        }
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
