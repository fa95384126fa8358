package dev.funnelflow.e2e;

import java.io.StringWriter;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Every Flink, Kafka and FunnelFlow log line at INFO (where Kafka clients print their whole configuration), kept
 * instead of printed until {@link #close()} restores the logging configuration; for tests that look for secrets.
 */
final class CapturedLogs implements AutoCloseable {

    private final StringWriter lines = new StringWriter();
    private final LoggerContext logging = (LoggerContext) LogManager.getContext(false);

    private CapturedLogs() {
        WriterAppender appender = WriterAppender.newBuilder().setName("captured-logs").setTarget(lines)
                .setLayout(PatternLayout.newBuilder().withPattern("%c %m%n").build()).build();
        appender.start();
        logging.getConfiguration().addAppender(appender);
        // Only to the capture: the console would print every INFO line of Flink and Kafka.
        logging.getRootLogger().getAppenders().values().forEach(logging.getRootLogger()::removeAppender);
        logging.getRootLogger().addAppender(appender);
        Configurator.setLevel(Map.of("org.apache.kafka", Level.INFO, "org.apache.flink", Level.INFO,
                "dev.funnelflow", Level.INFO));
    }

    static CapturedLogs atInfo() {
        return new CapturedLogs();
    }

    /** Every line captured so far, as {@code <logger> <message>}. */
    String text() {
        return lines.toString();
    }

    @Override
    public void close() {
        logging.reconfigure();
    }
}
