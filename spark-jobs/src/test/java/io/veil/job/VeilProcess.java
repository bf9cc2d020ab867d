package io.veil.job;

import io.veil.testing.SharedSpark;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Veil's CLI in a JVM of its own (local[2]), as a user or scheduler starts it, for kill tests. */
final class VeilProcess {
  final Process process;
  final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
  final CountDownLatch writing = new CountDownLatch(1);

  private VeilProcess(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  stderr.add(line);
                  if (line.contains(" writing ")) {
                    writing.countDown();
                  }
                }
              } catch (IOException e) {
                // the process was killed
              }
            });
    reader.setDaemon(true);
    reader.start();
  }

  static VeilProcess start(String... args) throws IOException {
    return start(List.of(), null, args);
  }

  /**
   * The command that runs a program unable to bypass file permissions: as is for a normal user; for
   * root, under setpriv without the capabilities that override them (root keeps its uid, so it
   * still owns what it wrote, but a read-only directory is read-only to it too). Null when that
   * cannot be had here.
   */
  static List<String> withoutPermissionOverride() {
    try {
      Object uid =
          java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid");
      if (!Integer.valueOf(0).equals(uid)) {
        return List.of();
      }
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
    if (!java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/setpriv"))) {
      return null;
    }
    String caps = "-dac_override,-dac_read_search,-fowner";
    return List.of("/usr/bin/setpriv", "--bounding-set=" + caps, "--inh-caps=" + caps);
  }

  /** As {@link #start(String...)}, under {@link #withoutPermissionOverride()}. */
  static VeilProcess startWithoutPermissionOverride(String... args) throws IOException {
    return start(withoutPermissionOverride(), List.of(), null, args);
  }

  /**
   * @param jvmOptions extra -D options, for example another log4j2 configuration
   * @param stdout where standard output goes; null discards it
   */
  static VeilProcess start(List<String> jvmOptions, java.nio.file.Path stdout, String... args)
      throws IOException {
    return start(List.of(), jvmOptions, stdout, args);
  }

  private static VeilProcess start(
      List<String> prefix, List<String> jvmOptions, java.nio.file.Path stdout, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.add(System.getProperty("java.home") + "/bin/java");
    command.addAll(List.of(System.getProperty("veil.jvm.flags", "").trim().split("\\s+")));
    command.add("-Xmx1g");
    // A short-lived JVM: C1 only and the serial collector start faster and are plenty here.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Dspark.master=local[2]");
    command.add("-Dspark.ui.enabled=false");
    command.add("-Dspark.driver.host=127.0.0.1");
    if (jvmOptions.stream().noneMatch(o -> o.startsWith("-Dlog4j2.configurationFile="))) {
      command.add(
          "-Dlog4j2.configurationFile="
              + SharedSpark.projectDir().resolve("conf/log4j2.properties"));
    }
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.veil.job.Main");
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectOutput(
                stdout == null
                    ? ProcessBuilder.Redirect.DISCARD
                    : ProcessBuilder.Redirect.to(stdout.toFile()));
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return new VeilProcess(pb.start());
  }

  boolean awaitWriting(long seconds) throws InterruptedException {
    return writing.await(seconds, TimeUnit.SECONDS);
  }

  /** SIGKILL: no shutdown hooks, no cleanup, as the OOM killer or a lost node does it. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      kill();
      throw new IllegalStateException("veil did not finish in " + seconds + " s: " + stderr);
    }
    return process.exitValue();
  }
}
