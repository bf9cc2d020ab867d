package io.veil.kms;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.crypto.key.kms.server.MiniKMS;

/**
 * Starts Hadoop's KMS on the loopback and keeps it up until its standard input closes (the test
 * that started it ends) or it is killed.
 *
 * <p>Arguments: a directory for its configuration, key store and {@code kms-audit.log}; the port (0
 * for any free one). When it serves, it writes its URL to {@code <dir>/kms.url}.
 */
public final class KmsTestServer {
  private KmsTestServer() {}

  public static void main(String[] args) throws Exception {
    Path dir = Paths.get(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    Files.createDirectories(dir);
    Path log4j = dir.resolve("kms-log4j.properties");
    Files.writeString(
        log4j,
        String.join(
            "\n",
            "log4j.rootLogger=WARN, stderr",
            "log4j.appender.stderr=org.apache.log4j.ConsoleAppender",
            "log4j.appender.stderr.Target=System.err",
            "log4j.appender.stderr.layout=org.apache.log4j.PatternLayout",
            "log4j.appender.stderr.layout.ConversionPattern=%d{ISO8601} %-5p %c{1} - %m%n",
            // The KMS's own access log, as a deployment's kms-audit.log has it.
            "log4j.logger.kms-audit=INFO, audit",
            "log4j.additivity.kms-audit=false",
            "log4j.appender.audit=org.apache.log4j.FileAppender",
            "log4j.appender.audit.File=" + dir.resolve("kms-audit.log"),
            "log4j.appender.audit.ImmediateFlush=true",
            "log4j.appender.audit.layout=org.apache.log4j.PatternLayout",
            "log4j.appender.audit.layout.ConversionPattern=%d{ISO8601} %m%n",
            ""),
        StandardCharsets.UTF_8);
    String log4jUrl = log4j.toUri().toString();
    System.setProperty("log4j.configuration", log4jUrl);
    org.apache.log4j.PropertyConfigurator.configure(log4j.toString());
    // The KMS aggregates audit entries per user, key and operation over a window (10 s by
    // default): it logs a window's first call at once (interval=0ms), then the window's total.
    // One second keeps tests short.
    Files.writeString(
        dir.resolve("kms-site.xml"),
        "<configuration>\n"
            + property("hadoop.kms.key.provider.uri", "jceks://file@" + dir.resolve("kms.keystore"))
            + property("hadoop.kms.authentication.type", "simple")
            + property("hadoop.kms.audit.aggregation.window.ms", "1000")
            + "</configuration>\n",
        StandardCharsets.UTF_8);
    MiniKMS.Builder builder =
        new MiniKMS.Builder().setKmsConfDir(new File(dir.toString())).setLog4jConfFile(log4jUrl);
    if (port > 0) {
      builder.setPort(port);
    }
    MiniKMS kms = builder.build();
    kms.start();
    Path url = dir.resolve("kms.url");
    Path temp = dir.resolve("kms.url.tmp");
    Files.writeString(temp, kms.getKMSUrl().toString(), StandardCharsets.UTF_8);
    Files.move(temp, url, StandardCopyOption.ATOMIC_MOVE);
    while (System.in.read() >= 0) {
      // Serve until the parent closes our standard input.
    }
    kms.stop();
    System.exit(0);
  }

  private static String property(String name, String value) {
    return "  <property><name>" + name + "</name><value>" + value + "</value></property>\n";
  }
}
