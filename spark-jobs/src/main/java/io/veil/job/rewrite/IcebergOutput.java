package io.veil.job.rewrite;

import io.veil.job.config.ConfigProblem;
import io.veil.job.config.InvalidConfigException;
import io.veil.job.config.TableConfig;
import io.veil.job.plan.TablePlan;
import io.veil.job.report.RunReport;
import io.veil.job.report.TableReport;
import io.veil.spark.ColumnRewriter;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.ManageSnapshots;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * An Iceberg table, written with write-audit-publish: the rows go to a branch of the table ({@code
 * veil_<run id>}, created from the current snapshot, or the table created first when it does not
 * exist), verification reads that branch's snapshot, and one catalog commit publishes it: main
 * fast-forwarded to the branch, the branch removed, the column docs and table properties set, all
 * in one Iceberg transaction, atomic on any store. A failed run removes the branch and expires its
 * snapshot (deleting the files only it held); main never moved. A run holds Veil's output lock in
 * the table's location from before its write to after its commit, so the {@code veil_*} branches it
 * finds of other runs were left by runs that died: it removes them. The Iceberg runtime is the
 * user's (spark-submit's packages option): this class is loaded only for {@code format = iceberg}.
 */
final class IcebergOutput implements StagedOutput {
  private final SparkSession spark;
  private final TablePlan plan;
  private final String runId;
  private final String digest;
  private final String name;
  private final String branch;
  private boolean created;
  private Long staged;
  private OutputLock lock;
  private Path lockDirectory;
  private FileSystem lockFs;

  IcebergOutput(SparkSession spark, TablePlan plan, String runId, String digest) {
    this.spark = spark;
    this.plan = plan;
    this.runId = runId;
    this.digest = digest;
    this.name = plan.config().outputTable();
    this.branch =
        "veil_" + runId.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public List<ConfigProblem> problems() {
    List<ConfigProblem> problems = new ArrayList<>();
    TableConfig t = plan.config();
    String cannot = "Cannot write table " + t.name() + " to Iceberg table " + name + ": ";
    boolean exists;
    try {
      exists = spark.catalog().tableExists(name);
    } catch (RuntimeException e) {
      problems.add(
          new ConfigProblem(
              t.where(),
              cannot
                  + "its catalog cannot be reached ("
                  + io.veil.spark.SparkErrors.describe(e)
                  + "); is the catalog configured (docs/iceberg.md)?"));
      return problems;
    }
    if (!exists) {
      return problems;
    }
    Table table;
    try {
      table = load();
    } catch (RuntimeException | NoClassDefFoundError e) {
      problems.add(
          new ConfigProblem(
              t.where(),
              cannot
                  + "it exists and is not an Iceberg table (or the Iceberg runtime is missing):"
                  + " write it with the format it has, or choose another table"));
      return problems;
    }
    if (t.outputMode() == TableConfig.OutputMode.ERROR_IF_EXISTS) {
      problems.add(
          new ConfigProblem(
              t.where(),
              cannot + "it exists and output.mode = error-if-exists (set mode = overwrite)"));
      return problems;
    }
    String differs = SchemaComparison.differences(icebergColumns(table), written());
    if (differs != null) {
      problems.add(
          new ConfigProblem(
              t.where(),
              cannot
                  + differs
                  + "; Veil replaces a table's rows, not its schema: drop the table or write"
                  + " another"));
    }
    return problems;
  }

  /** The existing table's columns as Spark sees them. */
  private static StructType icebergColumns(Table table) {
    return SparkSchemaUtil.convert(table.schema());
  }

  /** The plan's output columns as Iceberg stores them (byte and short become int, say). */
  private StructType written() {
    return SparkSchemaUtil.convert(SparkSchemaUtil.convert(plan.output().schema()));
  }

  /** The branch names Veil gives its runs: {@code veil_} and a run id, lower case. */
  static final java.util.regex.Pattern RUN_BRANCH =
      java.util.regex.Pattern.compile("veil_\\d{8}t\\d{6}_[0-9a-f]{8}");

  @Override
  public Closeable open(Progress progress) throws IOException {
    List<ConfigProblem> problems = problems();
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    if (spark.catalog().tableExists(name)) {
      lock(load());
      try {
        removeBranchesOfEarlierRuns(progress);
      } catch (RuntimeException e) {
        unlock();
        throw e;
      }
    }
    return this::unlock;
  }

  /**
   * One run at a time per table: Veil's output lock ({@link OutputLock}) in the table's location,
   * {@code <location>/.veil-staging/<table>.lock}, which Iceberg never reads. Held from before the
   * write to after the commit, it also tells that no other run of Veil uses a {@code veil_*}
   * branch.
   */
  private void lock(Table table) throws IOException {
    if (lock != null) {
      return;
    }
    Path location = new Path(table.location());
    FileSystem fs = location.getFileSystem(spark.sparkContext().hadoopConfiguration());
    List<String> parts = CatalogTables.parts(name);
    Path at = new Path(location, parts.get(parts.size() - 1));
    lock = OutputLock.acquire(fs, at, plan.name(), runId);
    lockDirectory = new Path(location, StagingPaths.DIRECTORY);
    lockFs = fs;
    try {
      Leftovers.recover(fs, at); // the locks of killed runs, broken by acquire
    } catch (IOException e) {
      // a broken lock left behind is never read
    }
  }

  private void unlock() throws IOException {
    if (lock == null) {
      return;
    }
    try {
      lock.close();
    } finally {
      lock = null;
      try {
        if (lockFs.exists(lockDirectory) && lockFs.listStatus(lockDirectory).length == 0) {
          lockFs.delete(lockDirectory, false); // leave no trace once no run is writing
        }
      } catch (IOException e) {
        // an empty directory in the table's location is never read
      }
    }
  }

  /**
   * Under the lock, a {@code veil_<run id>} branch of another run belongs to a run that is no
   * longer running (killed, or its clean-up failed): it was never published. Removes those branches
   * in one commit, then expires the snapshots only they held and any snapshot a run of Veil wrote
   * that no ref reaches any more (a run killed between removing its branch and expiring its
   * snapshot): never one in main's or another ref's history. Expiring deletes the files only those
   * snapshots held.
   */
  private void removeBranchesOfEarlierRuns(Progress progress) {
    Table table = load();
    List<String> left =
        table.refs().entrySet().stream()
            .filter(r -> r.getValue().isBranch())
            .map(Map.Entry::getKey)
            .filter(r -> RUN_BRANCH.matcher(r).matches() && !r.equals(branch))
            .sorted()
            .toList();
    java.util.Set<Long> candidates = new java.util.HashSet<>();
    if (!left.isEmpty()) {
      ManageSnapshots remove = table.manageSnapshots();
      for (String b : left) {
        candidates.add(table.refs().get(b).snapshotId());
        remove.removeBranch(b);
      }
      remove.commit();
      table.refresh();
    }
    java.util.Set<Long> reachable = new java.util.HashSet<>();
    for (SnapshotRef r : table.refs().values()) {
      reachable.addAll(SnapshotUtil.ancestorIds(table.snapshot(r.snapshotId()), table::snapshot));
    }
    // A snapshot that once was main's (rolled back since, say) is history, whoever wrote it.
    table.history().forEach(h -> reachable.add(h.snapshotId()));
    for (var s : table.snapshots()) {
      if (s.summary() != null && s.summary().containsKey(CatalogMetadata.RUN_ID)) {
        candidates.add(s.snapshotId());
      }
    }
    List<Long> expire =
        candidates.stream()
            .filter(s -> !reachable.contains(s) && table.snapshot(s) != null)
            .sorted()
            .toList();
    if (!expire.isEmpty()) {
      var expiry = table.expireSnapshots().expireOlderThan(0); // by id only, no expiry by age
      expire.forEach(expiry::expireSnapshotId);
      expiry.commit();
    }
    if (!left.isEmpty() || !expire.isEmpty()) {
      progress.info(
          plan.name()
              + ": removed from Iceberg table "
              + name
              + " what earlier runs left unpublished: "
              + left.size()
              + " branch(es) ("
              + String.join(", ", left)
              + ") and "
              + expire.size()
              + " snapshot(s) no ref reaches");
    }
  }

  @Override
  public void write(Dataset<Row> rows) throws IOException {
    if (!spark.catalog().tableExists(name)) {
      create(rows.schema());
      // Locked once it exists; a run that takes the lock first owns the (empty) new table.
      created = false;
      lock(load());
      created = true;
    }
    Table table = load();
    // From the current snapshot; on a table without one, from a new empty snapshot that only the
    // branch refers to: main is not touched either way.
    table.manageSnapshots().createBranch(branch).commit();
    try {
      rows.writeTo(name + ".branch_" + branch)
          .option("snapshot-property." + CatalogMetadata.RUN_ID, runId)
          .option("snapshot-property." + CatalogMetadata.CONFIG_DIGEST, String.valueOf(digest))
          .overwrite(functions.lit(true));
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new IllegalStateException("Iceberg table " + name + " vanished during the write", e);
    }
    table.refresh();
    SnapshotRef ref = table.refs().get(branch);
    staged = ref == null ? null : ref.snapshotId();
  }

  private void create(StructType schema) {
    StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(name).append(" (");
    ddl.append(CatalogMetadata.withComments(schema).toDDL()).append(") USING iceberg");
    if (!plan.partitionBy().isEmpty()) {
      ddl.append(" PARTITIONED BY (")
          .append(
              plan.partitionBy().stream()
                  .map(ColumnRewriter::quoteForColumn)
                  .collect(Collectors.joining(", ")))
          .append(")");
    }
    ddl.append(" TBLPROPERTIES (")
        .append(CatalogMetadata.literal("veil.created-by"))
        .append(" = ")
        .append(CatalogMetadata.literal(runId))
        .append(")");
    spark.sql(ddl.toString());
    created = true;
  }

  @Override
  public Dataset<Row> staged() {
    return spark.table(name + ".branch_" + branch);
  }

  @Override
  public String publish(TableReport report) throws IOException {
    Table table = load();
    report.outputDetail("snapshot_id", staged);
    report.outputDetail("location", table.location());
    Transaction tx = table.newTransaction();
    Map<String, String> comments = CatalogMetadata.comments(plan.output().schema());
    Map<String, String> docs = new java.util.LinkedHashMap<>();
    for (Types.NestedField f : table.schema().columns()) {
      String want = comments.get(f.name());
      String have = f.doc();
      boolean ours = have != null && have.startsWith(CatalogMetadata.COMMENT_PREFIX);
      if (want != null && !want.equals(have)) {
        docs.put(f.name(), want);
      } else if (want == null && ours) {
        docs.put(f.name(), null); // kept now: an earlier run's doc no longer holds
      }
    }
    if (!docs.isEmpty()) { // a transaction's update must be committed once created
      UpdateSchema schema = tx.updateSchema();
      docs.forEach(schema::updateColumnDoc);
      schema.commit();
    }
    UpdateProperties properties = tx.updateProperties();
    CatalogMetadata.properties(runId, digest).forEach(properties::set);
    properties.set(CatalogMetadata.REPORT, RunReport.tableJson(report));
    properties.commit();
    ManageSnapshots refs = tx.manageSnapshots();
    if (table.currentSnapshot() == null) {
      refs.createBranch(SnapshotRef.MAIN_BRANCH, staged);
    } else {
      refs.fastForwardBranch(SnapshotRef.MAIN_BRANCH, branch);
    }
    refs.removeBranch(branch).commit();
    tx.commitTransaction();
    // The report as files beside the table's metadata directory, after the commit: the table
    // property above is the copy that is published atomically with the data.
    try {
      Path location = new Path(table.location());
      FileSystem fs = location.getFileSystem(spark.sparkContext().hadoopConfiguration());
      ReportFiles.write(fs, location, report);
      return null;
    } catch (IOException | RuntimeException e) {
      return "published, but the report files could not be written beside the table ("
          + e.getClass().getSimpleName()
          + "); the table property "
          + CatalogMetadata.REPORT
          + " holds the report";
    }
  }

  @Override
  public void discard() {
    try {
      if (created) {
        spark.sql("DROP TABLE IF EXISTS " + name + " PURGE");
        return;
      }
      if (!spark.catalog().tableExists(name)) {
        return;
      }
      Table table = load();
      SnapshotRef ref = table.refs().get(branch);
      if (ref == null) {
        return;
      }
      long snapshot = ref.snapshotId();
      table.manageSnapshots().removeBranch(branch).commit();
      table.refresh();
      if (!inHistory(table, snapshot)) {
        // Only the staged snapshot, by id; no expiry by age (which would also expire history).
        table.expireSnapshots().expireSnapshotId(snapshot).expireOlderThan(0).commit();
      }
    } catch (RuntimeException e) {
      // What is left (a branch named veil_<run id>) is never published; the next run removes it.
    }
  }

  /** Whether a ref of the table (main, a tag, another branch) has the snapshot in its history. */
  private static boolean inHistory(Table table, long snapshot) {
    return table.refs().values().stream()
        .anyMatch(r -> SnapshotUtil.isAncestorOf(table, r.snapshotId(), snapshot));
  }

  private Table load() {
    try {
      return Spark3Util.loadIcebergTable(spark, name);
    } catch (org.apache.spark.sql.catalyst.parser.ParseException
        | org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new IllegalStateException("Cannot load Iceberg table " + name, e);
    }
  }
}
