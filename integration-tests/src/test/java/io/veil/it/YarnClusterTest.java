package io.veil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veil.job.SampleJob;
import io.veil.testing.SharedSpark;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.security.token.delegation.DelegationTokenSecretManager;
import org.apache.hadoop.hdfs.server.namenode.HdfsAuditLogger;
import org.apache.hadoop.ipc.CallerContext;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.alias.CredentialShell;
import org.apache.hadoop.util.ToolRunner;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar under spark-submit {@code --master yarn}, on a YARN mini cluster (a
 * ResourceManager and a NodeManager in this JVM, containers in JVMs of their own) over a mini HDFS,
 * the way docs/deploying.md tells users to run it: cluster mode with the job config through {@code
 * --files}, the key from a JCEKS credential provider on HDFS ({@code hadoop:} source) and {@code
 * spark.yarn.maxAppAttempts=1}; then client mode. spark-submit is the pyspark distribution's
 * (integration-tests/target/venv), which carries spark-yarn; its jars are given to the containers
 * as {@code local:} files, as every node of this one-machine cluster has them.
 */
@TestMethodOrder(OrderAnnotation.class)
class YarnClusterTest {
  private static final String ALIAS = "veil-pii-v1";
  private static final String TABLE = "customers";

  @TempDir static Path dir;
  static Path sparkHome;
  static MiniDFSCluster hdfs;
  static MiniYARNCluster yarn;
  static YarnClient yarnClient;
  static FileSystem fs;
  static String hdfsUri;
  static Path hadoopConfDir;
  static String provider;
  static String keyText;
  static SparkSession spark;
  static long inputRows;
  static List<String> cellValues;
  static Map<String, Long> published;

  @BeforeAll
  static void startClusters() throws Exception {
    sparkHome = sparkDistribution();
    Configuration conf = new YarnConfiguration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    conf.setInt("dfs.replication", 1);
    conf.set("dfs.namenode.audit.loggers", ProviderFileAudit.class.getName());
    conf.setBoolean("hadoop.caller.context.enabled", true);
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitActive();
    fs = hdfs.getFileSystem();
    hdfsUri = fs.getUri().toString(); // hdfs://localhost:PORT, also fs.defaultFS in conf now

    // As Spark's own BaseYarnClusterSuite: hadoop-client-minicluster has no
    // capacity-scheduler.xml, so the one queue is configured here.
    conf.set("yarn.scheduler.capacity.root.queues", "default");
    conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
    conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
    conf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
    conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
    conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
    conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
    conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 1.0f);
    conf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
    conf.set(YarnConfiguration.RM_HOSTNAME, "localhost");
    // Small containers: a driver or executor of 768 MB heap plus Spark's 384 MB overhead.
    conf.setInt(YarnConfiguration.NM_PMEM_MB, 4096);
    conf.setInt(YarnConfiguration.NM_VCORES, 4);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 64);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    conf.setFloat(
        YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 99.9f); // a full disk ≠ no node
    // Containers find Java where a cluster's administrators say (yarn-env's JAVA_HOME).
    conf.set(YarnConfiguration.NM_ADMIN_USER_ENV, "JAVA_HOME=" + System.getProperty("java.home"));
    // Keep each container's launch_container.sh and its directory after the application ends:
    // the test reads the environment YARN gave the driver and the executors.
    conf.setBoolean(YarnConfiguration.NM_LOG_CONTAINER_DEBUG_INFO, true);
    conf.setInt(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, 3600);
    yarn = new MiniYARNCluster("veil-yarn", 1, 1, 1, 1);
    yarn.init(conf);
    yarn.start();
    Configuration cluster = yarn.getConfig();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    // start() may return before the RM has put its real port in the configuration (as Spark's
    // BaseYarnClusterSuite notes).
    while (cluster.get(YarnConfiguration.RM_ADDRESS).endsWith(":0")) {
      assertTrue(System.nanoTime() < deadline, "the ResourceManager never got a port");
      Thread.sleep(100);
    }
    waitForNodeManager(cluster);

    // HADOOP_CONF_DIR as a gateway host has it: where the NameNode and the ResourceManager are.
    // Not the mini cluster's whole configuration: that names classes (StaticMapping for the rack
    // resolver) that only the minicluster jar has, and the driver in a container fails on them.
    hadoopConfDir = Files.createDirectories(dir.resolve("hadoop-conf"));
    Configuration core = new Configuration(false);
    core.set("fs.defaultFS", hdfsUri);
    // Spark tags each HDFS call with who made it (SPARK_APPMASTER_..., SPARK_CLIENT_...,
    // SPARK_TASK_...): the NameNode's audit shows whether an executor ever read the provider.
    core.setBoolean("hadoop.caller.context.enabled", true);
    Configuration hdfsSite = new Configuration(false);
    hdfsSite.setInt("dfs.replication", 1);
    Configuration yarnSite = new Configuration(false);
    for (Map.Entry<String, String> e : cluster) {
      String key = e.getKey();
      if (key.startsWith("yarn.resourcemanager.")
          && (key.endsWith(".address") || key.endsWith(".hostname"))) {
        yarnSite.set(key, cluster.get(key));
      }
    }
    for (Map.Entry<String, Configuration> site :
        Map.of("core-site.xml", core, "hdfs-site.xml", hdfsSite, "yarn-site.xml", yarnSite)
            .entrySet()) {
      try (OutputStream out = Files.newOutputStream(hadoopConfDir.resolve(site.getKey()))) {
        site.getValue().writeXml(out);
      }
    }
    yarnClient = YarnClient.createYarnClient();
    yarnClient.init(cluster);
    yarnClient.start();

    java.nio.file.Path sample = SharedSpark.projectDir().resolve("sample-data").resolve(TABLE);
    fs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(sample.toUri()),
        new org.apache.hadoop.fs.Path("/raw/" + TABLE));
    spark = SharedSpark.get();
    inputRows = spark.read().parquet(hdfsUri + "/raw/" + TABLE).count();
    cellValues = new ArrayList<>();
    for (var row :
        spark.read().parquet(sample.toString()).selectExpr("email", "phone").collectAsList()) {
      cellValues.add(row.getString(0));
      cellValues.add(row.getString(1));
    }
    cellValues.removeIf(v -> v == null || v.length() < 6);

    // The key as docs/deploying.md stores it: `hadoop credential create ALIAS -value ... -provider
    // jceks://hdfs@...`, here through the same tool class the `hadoop credential` command runs.
    keyText = Files.readString(SampleJob.standInKeys(dir).resolve("demo-only-pii.key")).trim();
    provider = "jceks://hdfs@" + hdfsUri.substring("hdfs://".length()) + "/user/veil/keys.jceks";
    int created =
        ToolRunner.run(
            new Configuration(cluster),
            new CredentialShell(),
            new String[] {"create", ALIAS, "-value", keyText, "-provider", provider});
    assertEquals(0, created, "hadoop credential create");
    org.apache.hadoop.fs.Path jceks = new org.apache.hadoop.fs.Path("/user/veil/keys.jceks");
    assertEquals("rw-------", fs.getFileStatus(jceks).getPermission().toString());
    ProviderFileAudit.reads.clear();
  }

  @AfterAll
  static void stopClusters() throws IOException {
    if (yarnClient != null) {
      yarnClient.stop();
    }
    if (yarn != null) {
      yarn.stop();
    }
    if (hdfs != null) {
      hdfs.shutdown(true);
    }
  }

  @Test
  @Order(1)
  void clusterModeRunsTheJobWithAKeyFromTheCredentialProvider() throws Exception {
    ProviderFileAudit.reads.clear();
    Submit s = submit("cluster-ok", "cluster", job(t -> t));
    assertEquals(0, s.exit, s::toString);
    ApplicationReport app = s.application();
    assertEquals(FinalApplicationStatus.SUCCEEDED, app.getFinalApplicationStatus(), s::toString);
    assertEquals(1, attempts(app), s::toString);

    String output = output();
    assertEquals(inputRows, spark.read().parquet(output).count());
    assertEquals(0, spark.read().parquet(output).where("email not like 'user\\_%'").count());
    JsonNode report = report();
    assertEquals("published", report.path("status").asText(), report::toString);
    assertEquals(inputRows, report.path("rows_in").asLong(), report::toString);
    assertEquals(inputRows, report.path("rows_out").asLong(), report::toString);
    JsonNode checksums = report.path("verification").path("kept_checksums");
    assertTrue(checksums.size() > 0, report::toString);
    checksums.forEach(c -> assertEquals("passed", c.asText(), report::toString));
    published = files();

    // The driver read the provider; no task did, though the path is in the application's conf.
    assertOnlyTheDriverReadTheProvider(s);

    Containers containers = s.containers();
    assertTrue(containers.executors().size() >= 1, containers::toString);
    assertNoKeyIn(containers.logs(), s);
    // No container's environment or command line holds a key or names the provider: the path
    // reaches the driver in the application's Spark configuration (which YARN localizes for the
    // executors too, see docs/deploying.md), and only the driver opened it (above).
    for (Path launch : containers.launchScripts()) {
      String script = Files.readString(launch);
      assertFalse(script.contains("VEIL_"), launch::toString);
      assertFalse(script.contains(keyText), launch::toString);
      assertFalse(script.contains("credential.provider.path"), launch::toString);
      assertFalse(script.contains("keys.jceks"), launch::toString);
    }
  }

  @Test
  @Order(2)
  void clusterModeFailuresEndTheApplicationOnceAndPublishNothing() throws Exception {
    failsOnYarn(
        "cluster-config",
        job(t -> t.replace("\"hadoop:" + ALIAS + "\"", "\"hadoop:no-such-alias\"")),
        2,
        "no credential provider holds alias no-such-alias");
    failsOnYarn(
        "cluster-data", job(t -> t.replace(SampleJob.NOTES_RULE, "")), 3, "Unlisted column notes");
    failsOnYarn(
        "cluster-verify",
        job(
            t ->
                t.replace(
                    "unlisted-columns = fail",
                    "unlisted-columns = fail\n      quasi-identifiers = [birth_date, country], k ="
                        + " 5")),
        4,
        "rows are in equivalence classes smaller than k = 5");
  }

  @Test
  @Order(3)
  void clientModePassesTheExitCodeThrough() throws Exception {
    ProviderFileAudit.reads.clear();
    Submit ok = submit("client-ok", "client", job(t -> t));
    assertEquals(0, ok.exit, ok::toString);
    assertOnlyTheDriverReadTheProvider(ok);
    assertNoKeyIn(List.of(ok.log), ok);
    assertEquals(inputRows, spark.read().parquet(output()).count());
    assertEquals("published", report().path("status").asText());
    published = files();

    Submit bad = submit("client-data", "client", job(t -> t.replace(SampleJob.NOTES_RULE, "")));
    assertEquals(3, bad.exit, bad::toString);
    assertTrue(bad.stderr.contains("Unlisted column notes"), bad::toString);
    // Veil stops Spark with its code, so YARN records the failure too (Main.stopSpark).
    assertEquals(
        FinalApplicationStatus.FAILED,
        bad.application().getFinalApplicationStatus(),
        bad::toString);
    assertEquals(
        FinalApplicationStatus.SUCCEEDED,
        ok.application().getFinalApplicationStatus(),
        ok::toString);
    assertEquals(published, files());
    assertNoKeyIn(List.of(bad.log), bad);
  }

  private static void failsOnYarn(String name, Path job, int code, String message)
      throws Exception {
    Submit s = submit(name, "cluster", job);
    assertEquals(1, s.exit, s::toString); // spark-submit's own failure: Veil's code is in the log
    ApplicationReport app = s.application();
    assertEquals(YarnApplicationState.FINISHED, app.getYarnApplicationState(), s::toString);
    assertEquals(FinalApplicationStatus.FAILED, app.getFinalApplicationStatus(), s::toString);
    assertEquals(1, attempts(app), () -> "a second attempt was started\n" + s);
    String driver = Files.readString(s.containers().driverLog());
    assertTrue(driver.contains(message), () -> name + ": no '" + message + "' in\n" + driver);
    assertTrue(driver.contains("Veil exited with code " + code), driver);
    assertEquals(1, lines(driver, message), driver);
    assertNoKeyIn(s.containers().logs(), s);
    assertEquals(published, files(), name + ": the published table changed");
  }

  // --- spark-submit ------------------------------------------------------------------------

  record Submit(String name, int exit, String stderr, Path log, String appId) {
    /**
     * The application's report once YARN has it finished: in client mode spark-submit may exit
     * before the ApplicationMaster has unregistered.
     */
    ApplicationReport application() throws Exception {
      assertTrue(appId != null, () -> "no application id in\n" + stderr);
      var id = org.apache.hadoop.yarn.api.records.ApplicationId.fromString(appId);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      ApplicationReport app = yarnClient.getApplicationReport(id);
      while (!Set.of(
              YarnApplicationState.FINISHED,
              YarnApplicationState.FAILED,
              YarnApplicationState.KILLED)
          .contains(app.getYarnApplicationState())) {
        assertTrue(System.nanoTime() < deadline, () -> appId + " did not end: " + this);
        Thread.sleep(200);
        app = yarnClient.getApplicationReport(id);
      }
      return app;
    }

    Containers containers() throws IOException {
      return Containers.of(appId);
    }

    @Override
    public String toString() {
      String tail = stderr.length() > 6000 ? stderr.substring(stderr.length() - 6000) : stderr;
      return name
          + ": spark-submit exited "
          + exit
          + " ("
          + appId
          + "; logs in integration-tests/target/yarn-logs/"
          + name
          + ")\n"
          + tail;
    }
  }

  static Submit submit(String name, String deployMode, Path job) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(sparkHome.resolve("bin/spark-submit").toString());
    command.addAll(
        List.of(
            "--master",
            "yarn",
            "--deploy-mode",
            deployMode,
            "--name",
            "veil-" + name,
            "--class",
            "io.veil.job.Main"));
    Map<String, String> conf = new TreeMap<>();
    conf.put("spark.yarn.maxAppAttempts", "1");
    conf.put("spark.hadoop.hadoop.security.credential.provider.path", provider);
    conf.put("spark.authenticate", "true");
    conf.put("spark.network.crypto.enabled", "true");
    conf.put("spark.io.encryption.enabled", "true");
    // Every node of this cluster has the distribution's jars at the same path: no upload.
    conf.put("spark.yarn.jars", "local:" + sparkHome.resolve("jars") + "/*");
    conf.put("spark.driver.memory", "768m");
    conf.put("spark.executor.memory", "768m");
    conf.put("spark.yarn.am.memory", "512m");
    conf.put("spark.executor.instances", "1");
    conf.put("spark.executor.cores", "1");
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.sql.session.timeZone", "UTC");
    conf.put("spark.yarn.report.interval", "500ms");
    conf.forEach((k, v) -> command.addAll(List.of("--conf", k + "=" + v)));
    String config;
    if (deployMode.equals("cluster")) {
      command.addAll(List.of("--files", job.toString()));
      config = job.getFileName().toString(); // in the driver's working directory
    } else {
      command.addAll(List.of("--conf", "spark.driver.host=127.0.0.1"));
      config = job.toString();
    }
    command.add(veilJar().toString());
    command.addAll(List.of("run", config, "--table", TABLE));

    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("VEIL_") || k.startsWith("SPARK_"));
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("HADOOP_CONF_DIR", hadoopConfDir.toString());
    env.put("YARN_CONF_DIR", hadoopConfDir.toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    Path log = dir.resolve("spark-submit-" + name + ".log");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail(name + ": spark-submit did not finish in 5 minutes\n" + Files.readString(log));
    }
    String out = Files.readString(log);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(application_\\d+_\\d+)").matcher(out);
    Submit s = new Submit(name, p.exitValue(), out, log, m.find() ? m.group(1) : null);
    keepLogs(s);
    return s;
  }

  /**
   * The spark-submit output and the application's container logs, copied to
   * integration-tests/target/yarn-logs/NAME for a post-mortem (the mini cluster deletes its own).
   */
  static void keepLogs(Submit s) throws IOException {
    Path keep = SharedSpark.projectDir().resolve("integration-tests/target/yarn-logs/" + s.name());
    if (Files.exists(keep)) {
      try (Stream<Path> old = Files.walk(keep)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(keep);
    Files.copy(s.log(), keep.resolve("spark-submit.log"), StandardCopyOption.REPLACE_EXISTING);
    if (s.appId() == null) {
      return;
    }
    for (Path container : Containers.of(s.appId()).dirs()) {
      Path to = Files.createDirectories(keep.resolve(container.getFileName()));
      try (Stream<Path> files = Files.list(container)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Path conf = sparkConf(container.getFileName().toString());
      if (conf != null) {
        Files.copy(conf, to.resolve("__spark_conf__.properties"));
      }
    }
  }

  // --- what the NodeManager kept of each container -----------------------------------------

  record Containers(String appId, List<Path> dirs) {
    static Containers of(String appId) throws IOException {
      List<Path> dirs = new ArrayList<>();
      String logDirs = yarn.getNodeManager(0).getConfig().get(YarnConfiguration.NM_LOG_DIRS);
      for (String logDir : logDirs.split(",")) {
        Path app = Path.of(logDir.replaceFirst("^file:", "")).resolve(appId);
        if (Files.isDirectory(app)) {
          try (Stream<Path> s = Files.list(app)) {
            s.filter(Files::isDirectory).sorted().forEach(dirs::add);
          }
        }
      }
      assertFalse(dirs.isEmpty(), "no container logs for " + appId + " under " + logDirs);
      return new Containers(appId, dirs);
    }

    /** The first container of the first attempt: the ApplicationMaster, driver in cluster mode. */
    Path driverLog() {
      return dirs.stream()
          .filter(d -> d.getFileName().toString().endsWith("_01_000001"))
          .findFirst()
          .orElseThrow()
          .resolve("stderr");
    }

    List<Path> executors() {
      return dirs.stream().filter(d -> !d.getFileName().toString().endsWith("_01_000001")).toList();
    }

    List<Path> launchScripts() {
      return dirs.stream()
          .map(d -> d.resolve("launch_container.sh"))
          .filter(Files::exists)
          .toList();
    }

    List<Path> logs() throws IOException {
      List<Path> files = new ArrayList<>();
      for (Path d : dirs) {
        try (Stream<Path> s = Files.list(d)) {
          s.filter(Files::isRegularFile).forEach(files::add);
        }
      }
      return files;
    }
  }

  /**
   * The Spark configuration YARN localized for a container (from the application's conf archive),
   * while the NodeManager keeps the container's directory
   * (yarn.nodemanager.delete.debug-delay-sec).
   */
  static Path sparkConf(String containerId) {
    String appId = "application_" + containerId.split("_")[1] + "_" + containerId.split("_")[2];
    String localDirs = yarn.getNodeManager(0).getConfig().get(YarnConfiguration.NM_LOCAL_DIRS);
    for (String localDir : localDirs.split(",")) {
      Path conf =
          Path.of(localDir.replaceFirst("^file:", ""))
              .resolve("usercache")
              .resolve(System.getProperty("user.name"))
              .resolve("appcache")
              .resolve(appId)
              .resolve(containerId)
              .resolve("__spark_conf__/__spark_conf__.properties");
      if (Files.exists(conf)) {
        return conf;
      }
    }
    return null;
  }

  /**
   * The NameNode's audit of the credential provider's file (dfs.namenode.audit.loggers): each call
   * on it, with the caller context Spark set (whose thread made it).
   */
  public static final class ProviderFileAudit extends HdfsAuditLogger {
    static final List<String> reads = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void initialize(Configuration conf) {}

    @Override
    public void logAuditEvent(
        boolean succeeded,
        String user,
        InetAddress addr,
        String cmd,
        String src,
        String dst,
        FileStatus stat,
        CallerContext caller,
        UserGroupInformation ugi,
        DelegationTokenSecretManager tokens) {
      if (src != null && src.endsWith("/keys.jceks")) {
        reads.add(cmd + " " + (caller == null ? "(no caller context)" : caller.getContext()));
      }
    }

    @Override
    public void logAuditEvent(
        boolean succeeded,
        String user,
        InetAddress addr,
        String cmd,
        String src,
        String dst,
        FileStatus stat,
        UserGroupInformation ugi,
        DelegationTokenSecretManager tokens) {
      logAuditEvent(succeeded, user, addr, cmd, src, dst, stat, null, ugi, tokens);
    }
  }

  // --- helpers -----------------------------------------------------------------------------

  /** The job: conf/sample.conf's customers on HDFS, its key from the credential provider. */
  static Path job(UnaryOperator<String> edit) throws IOException {
    String localSample = "\"" + SharedSpark.projectDir().resolve("sample-data") + "/";
    Path file =
        SampleJob.config(
            dir,
            hdfsUri + "/anonymized",
            t ->
                edit.apply(
                    t.replace(localSample, "\"" + hdfsUri + "/raw/")
                        .replaceAll(
                            "source = \"file:[^\"]*demo-only-pii.key\"",
                            "source = \"hadoop:" + ALIAS + "\"")));
    Path job = Files.createTempDirectory(dir, "job").resolve("job.conf");
    Files.move(file, job);
    assertTrue(Files.readString(job).contains("hadoop:"), "the key source was not replaced");
    return job;
  }

  static String output() {
    return hdfsUri + "/anonymized/" + TABLE;
  }

  static JsonNode report() throws IOException {
    try (var in = fs.open(new org.apache.hadoop.fs.Path(output(), "_veil_report.json"))) {
      return new ObjectMapper().readTree(in);
    }
  }

  /** Every file under the output's parent (the table and anything left beside it), by length. */
  static Map<String, Long> files() throws IOException {
    Map<String, Long> files = new TreeMap<>();
    RemoteIterator<LocatedFileStatus> it =
        fs.listFiles(new org.apache.hadoop.fs.Path(hdfsUri + "/anonymized"), true);
    while (it.hasNext()) {
      FileStatus f = it.next();
      files.put(f.getPath().toString() + "@" + f.getModificationTime(), f.getLen());
    }
    return files;
  }

  static int attempts(ApplicationReport app) throws Exception {
    return yarnClient.getApplicationAttempts(app.getApplicationId()).size();
  }

  static void assertNoKeyIn(List<Path> files, Submit s) throws IOException {
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.ISO_8859_1);
      assertFalse(text.contains(keyText), () -> s.name() + ": key material in " + f);
      for (String value : cellValues) {
        assertFalse(text.contains(value), () -> s.name() + ": a cell value in " + f);
      }
    }
  }

  /**
   * Every call on the provider's file since the last clear came from this application's driver
   * (Spark's caller context SPARK_DRIVER_appId, in the AM or in spark-submit), none from a task.
   */
  static void assertOnlyTheDriverReadTheProvider(Submit s) {
    List<String> reads = List.copyOf(ProviderFileAudit.reads);
    assertTrue(reads.stream().anyMatch(r -> r.startsWith("open ")), reads::toString);
    for (String read : reads) {
      assertTrue(read.contains(" SPARK_DRIVER_" + s.appId()), () -> s.name() + ": " + reads);
    }
  }

  static long lines(String text, String needle) {
    return text.lines().filter(l -> l.contains(needle)).count();
  }

  static Path veilJar() throws IOException {
    Path target = SharedSpark.projectDir().resolve("spark-jobs/target");
    try (Stream<Path> s = Files.list(target)) {
      return s.filter(p -> p.getFileName().toString().matches("veil-spark-jobs-.*-all\\.jar"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no shaded jar in " + target));
    }
  }

  /** pyspark's Spark distribution in integration-tests/target/venv (run-python-tests.sh). */
  static Path sparkDistribution() throws IOException {
    Path lib = SharedSpark.projectDir().resolve("integration-tests/target/venv/lib");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> s = Files.list(lib)) {
        for (Path python : s.toList()) {
          Path pyspark = python.resolve("site-packages/pyspark");
          if (Files.exists(pyspark.resolve("jars").resolve("spark-yarn_2.13-4.1.1.jar"))) {
            return pyspark;
          }
        }
      }
    }
    Assumptions.assumeFalse(
        Boolean.getBoolean("veil.it.skipPython"),
        "-DskipPython: no pyspark distribution to submit to YARN with");
    throw new AssertionError(
        "pyspark's Spark distribution is missing under "
            + lib
            + ": integration-tests/run-python-tests.sh --spark-distribution installs it"
            + " (mvn verify does)");
  }

  private static void waitForNodeManager(Configuration cluster) throws Exception {
    YarnClient client = YarnClient.createYarnClient();
    client.init(cluster);
    client.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (client.getNodeReports().isEmpty()) {
        assertTrue(System.nanoTime() < deadline, "no NodeManager registered");
        Thread.sleep(200);
      }
    } finally {
      client.stop();
    }
  }
}
