package io.omnisync.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * omnisync as a child JVM started from the repackaged jar, the way the README runs it, so tests can kill it
 * with SIGKILL and start it again on the same state database; or ({@link #mainClass}) another main class of the
 * test classpath in a JVM of its own, such as the downstream fakes that must outlive a killed omnisync.
 */
public final class ChildService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<String> args;
    private final Path log;
    private final int port;
    private final Class<?> mainClass;
    private final String readinessPath;
    private Process process;

    public ChildService(String name, int port, List<String> args) {
        this(name, port, args, null, "/actuator/health/readiness");
    }

    private ChildService(String name, int port, List<String> args, Class<?> mainClass, String readinessPath) {
        this.port = port;
        this.args = List.copyOf(args);
        this.log = Path.of("target", "it-logs", name + ".log");
        this.mainClass = mainClass;
        this.readinessPath = readinessPath;
    }

    /**
     * A main class of the test classpath in a child JVM, given its arguments (its port among them); ready when
     * {@code readinessPath} on {@code port} answers 200 with {@code "UP"}.
     */
    public static ChildService mainClass(String name, int port, Class<?> main, List<String> args, String readinessPath) {
        return new ChildService(name, port, args, main, readinessPath);
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("omnisync.test.jar", "target/omnisync.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests with mvn verify");
        }
        return jar;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the jar (or the main class); its output replaces target/it-logs/<name>.log. */
    public ChildService start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command;
        if (mainClass != null) {
            // failsafe names the whole test classpath here (java.class.path may be a manifest-only booter jar)
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                    mainClass.getName()));
        } else {
            command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString(),
                    "--server.port=" + port));
            // the sandbox's fakes get ports picked here, one after another, so two children started together never
            // race for the same free port (an explicit port in args wins: it comes later)
            for (String fake : List.of("magento", "amazon", "ebay", "pos")) {
                command.add("--omnisync.sandbox." + fake + ".port=" + freePort());
            }
        }
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Waits until /actuator/health/readiness (or the main class's readiness path) answers UP. */
    public ChildService awaitReady(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(log.getFileName() + " exited with " + process.exitValue() + "; see " + log
                        + "; its last lines:\n" + tail(40));
            }
            HttpResponse<String> health = get(readinessPath);
            return health != null && health.statusCode() == 200 && health.body().contains("\"UP\"");
        });
        return this;
    }

    /** SIGKILL: no shutdown hook, no graceful stop. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM: a graceful stop. */
    public void stop() {
        process.destroy();
        waitFor();
    }

    /** Waits for the process to end and returns its exit code. */
    public int waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the child's log, so a failure in CI names its cause where only the test output is kept. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(the log could not be read: " + e.getMessage() + ")";
        }
    }

    public int port() {
        return port;
    }

    /** GET on the child; null when it does not answer. */
    public HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Sum of every sample of a Prometheus metric (all label sets); 0 when absent. */
    public double metric(String name) {
        HttpResponse<String> scrape = get("/actuator/prometheus");
        if (scrape == null || scrape.statusCode() != 200) {
            return Double.NaN;
        }
        return scrape.body().lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The sum of a metric's series that carry this label, e.g. {@code route="stock-magento-ledger"}. */
    public double metric(String name, String label) {
        HttpResponse<String> scrape = get("/actuator/prometheus");
        if (scrape == null || scrape.statusCode() != 200) {
            return Double.NaN;
        }
        return scrape.body().lines().filter(l -> l.startsWith(name + "{") && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor();
        }
    }
}
