package io.omnisync.sandbox;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks requests a fake receives against a published API contract (Swagger 2.0 or OpenAPI 3) with
 * swagger-request-validator. Contracts are loaded leniently (resolve on, no strict schema check of the contract
 * itself) and cached per location for the whole JVM, because large contracts take seconds to load.
 */
public final class ContractValidator {

    private static final Map<String, ContractValidator> CACHE = new ConcurrentHashMap<>();

    private final OpenApiInteractionValidator validator;

    private ContractValidator(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /** A validator for a contract file, loaded once per JVM. */
    public static ContractValidator forFile(Path contract, String basePath) {
        String location = contract.toAbsolutePath().normalize().toString();
        return CACHE.computeIfAbsent(location + "|" + basePath, key -> load(location, basePath));
    }

    /** A validator for a contract on the classpath (copied to a temporary file once), loaded once per JVM. */
    public static ContractValidator forClasspath(String resource, String basePath) {
        return CACHE.computeIfAbsent("classpath:" + resource + "|" + basePath,
                key -> load(copyToTempFile(resource).toString(), basePath));
    }

    private static ContractValidator load(String location, String basePath) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readLocation(location, null, options);
        if (result.getOpenAPI() == null) {
            throw new IllegalStateException("cannot parse contract " + location + ": " + result.getMessages());
        }
        LevelResolver levels = LevelResolver.create()
                .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.IGNORE)
                .withLevel("validation.response", ValidationReport.Level.IGNORE)
                .build();
        return new ContractValidator(OpenApiInteractionValidator.createFor(result.getOpenAPI())
                .withBasePathOverride(basePath)
                .withLevelResolver(levels)
                .build());
    }

    private static Path copyToTempFile(String resource) {
        try (InputStream in = ContractValidator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("contract not on the classpath: " + resource);
            }
            String name = Path.of(resource).getFileName().toString();
            Path file = Files.createTempFile("contract-", "-" + name);
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Validates one request. The path must already carry the base path the validator was built with.
     *
     * @return the first error, or empty when the request conforms
     */
    public Optional<Violation> validate(String method, String path, Map<String, List<String>> query,
                                        String contentType, String body) {
        return validate(method, path, query, Map.of(), contentType, body);
    }

    /**
     * Validates one request including its headers, for contracts that declare header parameters (eBay's
     * {@code Content-Language}, for instance). The path must already carry the base path the validator was built
     * with; for an OpenAPI 3 contract whose server URL is {@code https://host{basePath}} that is the variable's value.
     * {@code Content-Type} is taken from {@code contentType}, not from {@code headers}.
     *
     * @return the first error, or empty when the request conforms
     */
    public Optional<Violation> validate(String method, String path, Map<String, List<String>> query,
                                        Map<String, List<String>> headers, String contentType, String body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        query.forEach(request::withQueryParam);
        headers.forEach((name, values) -> {
            if (!"content-type".equalsIgnoreCase(name)) {
                request.withHeader(name, values);
            }
        });
        if (contentType != null) {
            request.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        ValidationReport report = validator.validateRequest(request.build());
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .findFirst()
                .map(ContractValidator::toViolation);
    }

    private static Violation toViolation(ValidationReport.Message message) {
        String field = message.getContext()
                .flatMap(c -> c.getPointers().map(p -> p.getInstance())
                        .filter(p -> !p.isEmpty() && !p.equals("/"))
                        .or(() -> c.getParameter().map(p -> p.getName())))
                .orElse(null);
        String text = message.getMessage().replaceFirst("^\\[Path '[^']*'] ", "");
        return new Violation(message.getKey(), field, text);
    }

    /**
     * One contract violation.
     *
     * @param key     the validator's message key, e.g. {@code validation.request.body.schema.type}
     * @param field   JSON pointer into the body (e.g. {@code /sourceItems/0/quantity}) or parameter name; may be null
     * @param message the validator's human-readable message
     */
    public record Violation(String key, String field, String message) {
    }
}
