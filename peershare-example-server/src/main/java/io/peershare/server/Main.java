package io.peershare.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Objects;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Starts the reference server from the environment and stops it gracefully on SIGTERM or Ctrl-C. */
public final class Main {

    /** Lines below warnings that may be logged in one second, whatever clients do. */
    static final int LOG_LINES_PER_SECOND = 50;
    /** Warnings and errors that may be logged in one second: even the server's own trouble may not flood the log. */
    static final int WARNING_LINES_PER_SECOND = 20;
    /** Held so that the levels set on them are not lost when the logging system drops unreferenced loggers. */
    private static Logger peershareLogger;
    private static Logger containerLogger;

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ServerLogManager.class.getName());
        }
        ServerEnvironment environment = ServerEnvironment.read(Path.of(""), System.getenv());
        ServerConfig config;
        try {
            config = environment.config();
        } catch (ConfigurationException e) {
            // Logging is set up from the configuration, so these go straight to stderr, one line each.
            environment.warnings().forEach(warning -> System.err.println("peershare: warning: " + warning));
            e.problems().forEach(problem -> System.err.println("peershare: configuration error: " + problem));
            System.exit(2);
            return;
        }
        configureLogging(config.production(), config.jsonLogs());
        System.Logger log = System.getLogger(Main.class.getName());
        environment.warnings().forEach(warning -> log.log(Level.WARNING, warning));
        PeerShareServer server;
        try {
            server = PeerShareServer.start(config);
        } catch (IOException e) {
            System.err.println("peershare: " + e.getMessage());
            System.exit(1);
            return;
        } catch (IllegalArgumentException e) {
            // A file a setting names cannot be used (TLS_CERT, TLS_KEY), or a part refused what the table of settings
            // let through: still one line, never a stack trace.
            System.err.println("peershare: configuration error: "
                    + Objects.requireNonNullElse(e.getMessage(), "refused by " + e.getStackTrace()[0].getClassName()));
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "peershare-shutdown"));
        log.log(Level.INFO, "PeerShare listening on " + String.join(" ", server.urls())
                + " (WebSocket " + PeerShareServer.WEBSOCKET_PATH + ", " + (config.production() ? "production" : "development")
                + ", origins " + (config.origins().isAny() ? "any" : String.join(" ", config.allowedOrigins())) + ")");
        log.log(Level.INFO, LimitsInForce.describe(config.engine()));
        if (config.production() && config.metrics() && config.metricsToken() == null) {
            log.log(Level.WARNING, "GET /metrics and /api/stats answer anyone: set METRICS_TOKEN to keep them to your"
                    + " monitoring, or METRICS=false");
        }
        try {
            server.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One line per record, as text or JSON, at most {@link #LOG_LINES_PER_SECOND} below warnings and
     * {@link #WARNING_LINES_PER_SECOND} warnings and errors a second; development also shows PeerShare's debug lines.
     */
    private static void configureLogging(boolean production, boolean json) {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        if (LogManager.getLogManager() instanceof ServerLogManager manager) {
            manager.resetNow();
        } else {
            LogManager.getLogManager().reset();
        }
        Logger root = Logger.getLogger("");
        Handler console = new GuardedConsoleHandler(new LogFloodGuard(LOG_LINES_PER_SECOND, WARNING_LINES_PER_SECOND));
        console.setLevel(java.util.logging.Level.ALL);
        console.setFormatter(json ? new JsonLogFormatter() : new ServerLogFormatter());
        root.addHandler(console);
        root.setLevel(java.util.logging.Level.INFO);
        containerLogger = Logger.getLogger("org.glassfish");
        containerLogger.setLevel(java.util.logging.Level.WARNING); // PeerShare logs start and stop itself
        peershareLogger = Logger.getLogger("io.peershare");
        peershareLogger.setLevel(production ? java.util.logging.Level.INFO : java.util.logging.Level.FINE);
    }
}
