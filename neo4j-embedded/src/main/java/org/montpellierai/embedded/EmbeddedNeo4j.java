package org.montpellierai.embedded;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Starts a Neo4j Community DBMS in this JVM with its Bolt connector on 127.0.0.1.
 *
 * Arguments: dataDirectory boltPort pageCacheMiB [--exit-with-parent].
 * Prints one line "READY bolt://127.0.0.1:PORT" once Bolt accepts connections, so the
 * Node process that spawned it knows when to connect. Stops cleanly on SIGTERM/SIGINT
 * (a JVM shutdown hook), and, with --exit-with-parent, when its standard input closes,
 * which happens when the parent dies without stopping it: no orphan Java process.
 * Authentication is on when NEO4J_EMBEDDED_PASSWORD is set (user "neo4j").
 */
public final class EmbeddedNeo4j {
    private EmbeddedNeo4j() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: EmbeddedNeo4j <dataDirectory> <boltPort> <pageCacheMiB> [--exit-with-parent]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        long pageCacheMiB = Long.parseLong(args[2]);
        boolean exitWithParent = args.length > 3 && "--exit-with-parent".equals(args[3]);
        String password = System.getenv("NEO4J_EMBEDDED_PASSWORD");
        boolean auth = password != null && !password.isEmpty();

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMiB))
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60))
                .build();
        if (auth) {
            setInitialPassword(dbms, password);
        }
        // Touch the default database so that Bolt answers queries once READY is printed.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));

        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();

        if (exitWithParent) {
            Thread watcher = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                    while (in.readLine() != null) {
                        // Nothing is expected on stdin; its end means the parent is gone.
                    }
                } catch (Exception ignored) {
                    // A broken pipe means the same thing as end of input.
                }
                System.exit(0);
            }, "parent-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }

    /** Sets the password of the "neo4j" user through the system database (idempotent). */
    private static void setInitialPassword(DatabaseManagementService dbms, String password) {
        dbms.database("system").executeTransactionally(
                "ALTER USER neo4j IF EXISTS SET PASSWORD $password CHANGE NOT REQUIRED",
                java.util.Map.of("password", password));
    }
}
