package io.veil.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.veil.keys.KeySource;
import io.veil.spark.ColumnPath;
import io.veil.spark.UnlistedColumns;
import io.veil.spark.op.OperationSettings;
import io.veil.spark.op.Operations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a job file against Veil's reference.conf. Runs before any SparkSession
 * exists, touches no data, and reports every problem at once, each with its file and line.
 */
public final class JobConfigLoader {
  private static final List<String> VEIL_KEYS =
      List.of("keys", "tables", "table-defaults", "op-defaults", "run");
  private static final List<String> TABLE_KEYS =
      List.of(
          "name",
          "input",
          "output",
          "unlisted-columns",
          "on-invalid",
          "columns",
          "quasi-identifiers",
          "k",
          "entity",
          "sensitive",
          "l",
          "l-diversity",
          "t",
          "enforce",
          "max-suppressed",
          "hierarchies",
          "leak-check");
  private static final List<String> ENFORCE =
      List.of("fail", "suppress", "suppress-cells", "generalize");
  private static final List<String> LEAK_CHECK = List.of("off", "report", "fail");
  private static final List<String> L_DIVERSITY = List.of("distinct", "entropy");
  private static final List<String> FORMATS = List.of("parquet", "csv", "json", "orc");
  private static final List<String> OUTPUT_FORMATS = List.of("iceberg", "delta", "parquet");
  private static final List<String> MODES = List.of("error-if-exists", "overwrite");
  private static final List<String> CODECS =
      List.of("input", "snappy", "zstd", "gzip", "lz4", "lz4_raw", "none", "uncompressed");
  private static final List<String> UNLISTED = List.of("fail", "keep", "drop");
  private static final List<String> ON_INVALID = List.of("fail", "null");

  private JobConfigLoader() {}

  public static JobConfig load(Path file) {
    String fileName = file.toString();
    Problems problems = new Problems(fileName);
    if (Files.isDirectory(file)) {
      problems.add(null, "Cannot read config: " + fileName + " is a directory");
    } else if (Files.exists(file) && !Files.isRegularFile(file)) {
      problems.add(null, "Cannot read config: " + fileName + " is not a regular file");
    } else if (!Files.exists(file)) {
      problems.add(null, "Cannot read config: no such file");
    }
    problems.throwIfAny();
    Config job;
    try {
      job =
          ConfigFactory.parseFile(
              file.toFile(),
              ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
    } catch (ConfigException e) {
      problems.add(e.origin(), "Invalid HOCON: " + stripOrigin(e.getMessage()));
      problems.throwIfAny();
      return null;
    }
    findRepeatedKeys(file, problems);
    Config reference =
        ConfigFactory.parseResources(JobConfigLoader.class.getClassLoader(), "reference.conf");
    Config resolved;
    try {
      resolved = job.withFallback(reference).resolve();
    } catch (ConfigException e) {
      problems.add(e.origin(), "Cannot resolve substitution: " + stripOrigin(e.getMessage()));
      problems.throwIfAny();
      return null;
    }
    Section root = new Section(job.root(), "the config file", problems);
    root.rejectUnknownKeys(List.of("veil"), "top-level key");
    if (!job.hasPath("veil")) {
      problems.add(
          job.origin(),
          "Missing 'veil { ... }': a job file puts its settings under the root key veil.");
      problems.throwIfAny();
    }
    ConfigObject ownVeil = (ConfigObject) job.root().get("veil");
    Section own = new Section(ownVeil, "veil", problems);
    own.rejectUnknownKeys(VEIL_KEYS, "setting");
    ConfigObject refVeil = reference.getObject("veil");
    for (String section : List.of("table-defaults", "op-defaults", "run")) {
      if (ownVeil.get(section) instanceof ConfigObject) {
        checkAgainstReference(
            (ConfigObject) ownVeil.get(section),
            (ConfigObject) refVeil.get(section),
            "veil." + section,
            problems);
      }
    }

    Config veil = resolved.getConfig("veil");
    Map<String, KeyConfig> keys =
        keys(new Section(veil.getObject("keys"), "veil.keys", problems), problems);
    List<TableConfig> tables =
        tables(
            veil, new OperationSpecReader(veil.getObject("op-defaults"), keys.keySet()), problems);
    Map<String, String> spark = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : veil.getConfig("run.spark").entrySet()) {
      spark.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
    }
    long progress = 10;
    try {
      progress = veil.getDuration("run.progress-interval", java.util.concurrent.TimeUnit.SECONDS);
      if (progress < 1) {
        problems.add(
            veil.getValue("run.progress-interval").origin(),
            "Invalid 'progress-interval' in veil.run: must be at least 1s.");
      }
    } catch (ConfigException e) {
      problems.add(
          e.origin(), "Invalid 'progress-interval' in veil.run: expected a duration such as 10s.");
    }
    problems.throwIfAny();
    return new JobConfig(
        file, digest(job), keys, tables, veil.getString("run.app-name"), spark, progress);
  }

  /**
   * Keys set twice in the file's text: HOCON keeps the later one, so they are gone from the parsed
   * config. A file this check cannot follow is refused rather than run unchecked.
   */
  private static void findRepeatedKeys(Path file, Problems problems) {
    try {
      // As Typesafe Config reads it: UTF-8, with malformed bytes replaced.
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      RepeatedKeyFinder.check(KeyOutline.read(text), problems);
    } catch (IOException | IllegalArgumentException e) {
      problems.add(null, "Cannot check the config for repeated keys: " + e.getMessage() + ".");
    }
  }

  /** Unknown keys in an override of a reference section; free-form maps are skipped. */
  private static void checkAgainstReference(
      ConfigObject own, ConfigObject ref, String path, Problems problems) {
    if (path.endsWith(".options") || path.equals("veil.run.spark")) {
      return;
    }
    Section s = new Section(own, path, problems);
    s.rejectUnknownKeys(ref.keySet(), "setting");
    for (String key : own.keySet()) {
      ConfigValue mine = own.get(key);
      ConfigValue theirs = ref.get(key);
      if (mine instanceof ConfigObject && theirs instanceof ConfigObject) {
        checkAgainstReference(
            (ConfigObject) mine, (ConfigObject) theirs, path + "." + key, problems);
      }
    }
  }

  private static Map<String, KeyConfig> keys(Section keysSection, Problems problems) {
    Map<String, KeyConfig> keys = new LinkedHashMap<>();
    for (String name : keysSection.keys()) {
      ConfigValue value = keysSection.value(name);
      String where = problems.where(value.origin());
      String context = "key " + name;
      List<KeyConfig.Version> versions = new ArrayList<>();
      int primary = 1;
      if (value.valueType() == ConfigValueType.STRING) {
        KeySource source = source(keysSection, name, (String) value.unwrapped(), value, problems);
        if (source != null) {
          versions.add(new KeyConfig.Version(1, source, null));
        }
      } else if (value.valueType() == ConfigValueType.OBJECT) {
        Section key = new Section((ConfigObject) value, context, problems);
        key.rejectUnknownKeys(List.of("versions", "primary"), "setting");
        Integer p = key.integer("primary", 1, Integer.MAX_VALUE);
        ConfigValue list = key.value("versions");
        if (list == null
            || list.valueType() != ConfigValueType.LIST
            || ((ConfigList) list).isEmpty()) {
          problems.add(
              value.origin(),
              "Invalid key "
                  + name
                  + ": expected versions = [{ version = 1, source = \"env:NAME\" }, ...].");
          continue;
        }
        Set<Integer> seen = new HashSet<>();
        for (ConfigValue item : (ConfigList) list) {
          if (item.valueType() != ConfigValueType.OBJECT) {
            problems.add(
                item.origin(),
                "Invalid version of key " + name + ": expected { version = N, source = \"...\" }.");
            continue;
          }
          Section v = new Section((ConfigObject) item, "a version of key " + name, problems);
          v.rejectUnknownKeys(
              List.of("version", "source", "password-env", "compromised"), "setting");
          Integer number = v.integer("version", 1, Integer.MAX_VALUE);
          String text = v.string("source", true);
          if (number == null) {
            if (!v.has("version")) {
              problems.add(item.origin(), "Missing 'version' in a version of key " + name + ".");
            }
            continue;
          }
          if (!seen.add(number)) {
            problems.add(
                item.origin(),
                "Invalid key " + name + ": version " + number + " is defined twice.");
          }
          KeySource source =
              text == null ? null : source(v, "source", text, v.value("source"), problems);
          if (source != null) {
            versions.add(
                new KeyConfig.Version(
                    number, source, v.string("password-env", false), compromised(v, name)));
          }
        }
        if (p == null && !key.has("primary")) {
          problems.add(
              value.origin(),
              "Missing 'primary' in key " + name + ": say which version new values use.");
          continue;
        }
        if (p != null && !seen.contains(p)) {
          key.problem(
              "primary",
              "Invalid key "
                  + name
                  + ": primary version "
                  + p
                  + " is not among its versions "
                  + seen
                  + ".");
        }
        primary = p == null ? 1 : p;
      } else {
        problems.add(
            value.origin(),
            "Invalid key "
                + name
                + ": expected a source string or { versions = [...], primary = N }.");
        continue;
      }
      if (!versions.isEmpty()) {
        keys.put(name, new KeyConfig(name, versions, primary, where));
      } else {
        keys.put(name, new KeyConfig(name, List.of(), primary, where)); // invalid: problem recorded
      }
    }
    return keys;
  }

  /** A version's {@code compromised} flag: true or false, false when absent. */
  private static boolean compromised(Section version, String keyName) {
    ConfigValue c = version.value("compromised");
    if (c == null || c.valueType() == ConfigValueType.NULL) {
      return false;
    }
    if (c.valueType() != ConfigValueType.BOOLEAN) {
      version.problem(
          "compromised",
          "Invalid 'compromised' in a version of key "
              + keyName
              + ": expected true or false, got "
              + Section.describe(c)
              + ".");
      return false;
    }
    return (Boolean) c.unwrapped();
  }

  private static KeySource source(
      Section s, String key, String text, ConfigValue value, Problems problems) {
    try {
      return KeySource.parse(text);
    } catch (IllegalArgumentException e) {
      // The message never repeats the text: a pasted key would end up in CI logs.
      problems.add(value.origin(), e.getMessage() + " (in " + s.context() + ").");
      return null;
    }
  }

  private static List<TableConfig> tables(Config veil, OperationSpecReader ops, Problems problems) {
    List<TableConfig> tables = new ArrayList<>();
    ConfigValue list = veil.getValue("tables");
    if (list.valueType() != ConfigValueType.LIST) {
      problems.add(
          list.origin(), "Invalid 'tables': expected a list [{ name = ..., input { ... }, ... }].");
      return tables;
    }
    if (((ConfigList) list).isEmpty()) {
      problems.add(list.origin(), "Missing tables: veil.tables lists no table to anonymize.");
    }
    ConfigObject defaults = veil.getObject("table-defaults");
    Set<String> names = new HashSet<>();
    int index = 0;
    for (ConfigValue item : (ConfigList) list) {
      index++;
      if (item.valueType() != ConfigValueType.OBJECT) {
        problems.add(
            item.origin(), "Invalid table #" + index + ": expected an object { name = ..., ... }.");
        continue;
      }
      ConfigObject own = (ConfigObject) item;
      String name =
          own.get("name") != null && own.get("name").valueType() == ConfigValueType.STRING
              ? (String) own.get("name").unwrapped()
              : "#" + index;
      Section table =
          new Section(own.withFallback(defaults), "table " + name, problems, own.origin());
      new Section(own, "table " + name, problems).rejectUnknownKeys(TABLE_KEYS, "setting");
      TableConfig t = table(table, name, own, ops, problems);
      if (t != null) {
        if (!names.add(t.name())) {
          problems.add(
              item.origin(), "Invalid table name " + t.name() + ": two tables have this name.");
        }
        tables.add(t);
      }
    }
    return tables;
  }

  private static TableConfig table(
      Section t, String name, ConfigObject own, OperationSpecReader ops, Problems problems) {
    if (!own.containsKey("name")) {
      problems.add(own.origin(), "Missing 'name' in table " + name + ".");
    }
    Section input = t.object("input", true);
    Section output = t.object("output", true);
    String inputPath = null;
    String format = null;
    Map<String, String> options = new LinkedHashMap<>();
    String inputTable = null;
    boolean inputValid = true;
    if (input != null) {
      input.rejectUnknownKeys(List.of("path", "table", "format", "options"), "setting");
      inputTable = catalogTable(input, "input", name);
      inputPath = input.string("path", false);
      inputValid = oneOfPathOrTable(input, "input", name, inputPath, inputTable, own);
      format = input.choice("format", FORMATS, true);
      if (inputTable != null && ownSets(own, "input", "format")) {
        input.problem(
            "format",
            "Invalid 'format' in input of table "
                + name
                + ": a catalog table (input.table = "
                + inputTable
                + ") is read as its catalog says; format applies to input.path only.");
        inputValid = false;
      }
      Section opts = input.object("options", false);
      if (opts != null) {
        for (String k : opts.keys()) {
          options.put(k, opts.string(k, false));
        }
      }
    }
    String outputPath = null;
    String mode = null;
    String codec = null;
    List<String> partitionBy = null;
    boolean replaceForeign = false;
    String outputTable = null;
    String outputFormat = null;
    boolean outputValid = true;
    if (output != null) {
      output.rejectUnknownKeys(
          List.of(
              "path", "table", "format", "mode", "compression", "partition-by", "replace-foreign"),
          "setting");
      outputTable = catalogTable(output, "output", name);
      outputPath = output.string("path", false);
      outputValid = oneOfPathOrTable(output, "output", name, outputPath, outputTable, own);
      outputFormat = output.choice("format", OUTPUT_FORMATS, false);
      if (outputTable != null && outputFormat == null && !output.has("format")) {
        output
            .problems()
            .add(
                output.originOf("table"),
                "Missing 'format' in output of table "
                    + name
                    + ": a catalog table (output.table = "
                    + outputTable
                    + ") is written as one of "
                    + String.join(", ", OUTPUT_FORMATS)
                    + ".");
        outputValid = false;
      } else if (outputTable == null && outputFormat != null && !"parquet".equals(outputFormat)) {
        output.problem(
            "format",
            "Invalid 'format' in output of table "
                + name
                + ": "
                + outputFormat
                + " needs a catalog table (output.table = \"db.name\"); a path output"
                + " is written as parquet.");
        outputValid = false;
      } else if (output.has("format") && outputFormat == null) {
        outputValid = false; // not one of OUTPUT_FORMATS: recorded
      }
      if (outputTable != null && ownSets(own, "output", "replace-foreign")) {
        output.problem(
            "replace-foreign",
            "Invalid 'replace-foreign' in output of table "
                + name
                + ": it applies to output.path; a catalog table is replaced only with mode ="
                + " overwrite.");
      }
      mode = output.choice("mode", MODES, true);
      codec = output.choice("compression", CODECS, true);
      partitionBy = output.stringList("partition-by");
      replaceForeign =
          "true".equals(output.choice("replace-foreign", List.of("true", "false"), false));
    }
    String unlisted = t.choice("unlisted-columns", UNLISTED, true);
    String onInvalid = t.choice("on-invalid", ON_INVALID, true);
    List<ColumnPath> quasi = new ArrayList<>();
    List<String> quasiText = t.stringList("quasi-identifiers");
    for (String q : quasiText == null ? List.<String>of() : quasiText) {
      try {
        quasi.add(ColumnPath.parse(q));
      } catch (IllegalArgumentException e) {
        t.problem(
            "quasi-identifiers", e.getMessage() + " (in quasi-identifiers of table " + name + ").");
      }
    }
    Integer k = t.integer("k", 2, Integer.MAX_VALUE);
    ColumnPath entity = null;
    String entityText = t.string("entity", false);
    if (entityText != null) {
      try {
        entity = ColumnPath.parse(entityText);
      } catch (IllegalArgumentException e) {
        t.problem("entity", e.getMessage() + " (the entity of table " + name + ").");
      }
    }
    List<ColumnPath> sensitive = new ArrayList<>();
    List<String> sensitiveText = t.stringList("sensitive");
    for (String s : sensitiveText == null ? List.<String>of() : sensitiveText) {
      try {
        ColumnPath p = ColumnPath.parse(s);
        if (quasi.contains(p)) {
          t.problem(
              "sensitive",
              s + " is both a quasi-identifier and a sensitive attribute of table " + name + ".");
        }
        sensitive.add(p);
      } catch (IllegalArgumentException e) {
        t.problem("sensitive", e.getMessage() + " (in sensitive of table " + name + ").");
      }
    }
    Integer l = t.integer("l", 2, Integer.MAX_VALUE);
    String lDiversity = t.choice("l-diversity", L_DIVERSITY, true);
    java.math.BigDecimal tValue = t.number("t", java.math.BigDecimal.ONE, 6, "from 0 to 1");
    if (tValue != null && tValue.signum() < 0) {
      t.problem(
          "t", "Invalid 't' in table " + name + ": " + tValue + " is out of range: from 0 to 1.");
      tValue = null;
    }
    if ((l != null || tValue != null) && sensitive.isEmpty()) {
      t.problem(
          l != null ? "l" : "t",
          "Table "
              + name
              + " sets "
              + (l != null ? "l" : "t")
              + " but names no sensitive attributes: set sensitive = [...].");
    }
    if (!sensitive.isEmpty() && quasi.isEmpty()) {
      t.problem(
          "sensitive",
          "Table "
              + name
              + " names sensitive attributes but no quasi-identifiers: l-diversity and"
              + " t-closeness are measured within the classes the quasi-identifiers make.");
    }
    String enforce = t.choice("enforce", ENFORCE, true);
    java.math.BigDecimal maxSuppressed =
        t.number("max-suppressed", java.math.BigDecimal.ONE, 6, "a share of rows from 0 to 1");
    if (maxSuppressed != null && maxSuppressed.signum() < 0) {
      t.problem(
          "max-suppressed",
          "Invalid 'max-suppressed' in table " + name + ": a share of rows from 0 to 1.");
      maxSuppressed = null;
    }
    Map<ColumnPath, List<OperationSettings>> hierarchies =
        new HierarchyReader(ops).read(t, name, quasi, "generalize".equals(enforce));
    String leakCheck = t.choice("leak-check", LEAK_CHECK, true);
    // Every default is in reference.conf's table-defaults: null here means invalid, and reported.
    Privacy privacy =
        k == null
                || enforce == null
                || leakCheck == null
                || lDiversity == null
                || maxSuppressed == null
            ? null
            : new Privacy(
                quasi,
                k,
                entity,
                sensitive,
                l,
                "entropy".equals(lDiversity),
                tValue == null ? null : tValue.doubleValue(),
                Privacy.Enforce.named(enforce),
                maxSuppressed.doubleValue(),
                hierarchies,
                leakCheck);
    List<RuleConfig> rules = new ArrayList<>();
    Section columns = t.object("columns", true);
    if (columns != null) {
      readRules(
          columns, new ArrayList<>(), ops, rules, new HashMap<>(), t.problems(), "table " + name);
    }
    for (RuleConfig rule : rules) {
      if (hierarchies.containsKey(rule.path()) && !"keep".equals(rule.settings().op())) {
        t.problem(
            "hierarchies",
            "Invalid hierarchy "
                + rule.path()
                + " in table "
                + name
                + ": the column has its own op ("
                + rule.settings().op()
                + ", "
                + rule.where()
                + "); enforce = generalize chooses its level of generalize, so leave it to keep.");
      }
    }
    if ((inputPath == null && inputTable == null)
        || !inputValid
        || !outputValid
        || (outputPath == null && outputTable == null)
        || format == null
        || mode == null
        || codec == null
        || unlisted == null
        || onInvalid == null
        || privacy == null) {
      return null;
    }
    return new TableConfig(
        name,
        inputPath,
        inputTable,
        format,
        options,
        outputPath,
        outputTable,
        outputFormat == null ? "parquet" : outputFormat,
        mode.equals("overwrite")
            ? TableConfig.OutputMode.OVERWRITE
            : TableConfig.OutputMode.ERROR_IF_EXISTS,
        replaceForeign,
        codec,
        partitionBy,
        UnlistedColumns.valueOf(unlisted.toUpperCase(Locale.ROOT)),
        onInvalid.equals("null"),
        rules,
        privacy,
        problemsWhere(t, own));
  }

  /**
   * A catalog table name such as {@code anon.customers} or {@code lake.anon.customers}: dotted
   * identifiers, each plain or in backquotes; null when absent or invalid (recorded).
   */
  private static String catalogTable(Section s, String section, String table) {
    String name = s.string("table", false);
    if (name != null && !name.matches(TABLE_NAME)) {
      s.problem(
          "table",
          "Invalid 'table' in "
              + section
              + " of table "
              + table
              + ": expected a catalog table name such as db.customers or catalog.db.customers"
              + " (letters, digits and _, or `quoted` parts), got '"
              + name
              + "'.");
      return null;
    }
    return name;
  }

  private static final String TABLE_NAME =
      "(?:[A-Za-z_][A-Za-z0-9_]*|`[^`]+`)(?:\\.(?:[A-Za-z_][A-Za-z0-9_]*|`[^`]+`)){0,3}";

  /** An input or output names a path or a catalog table: exactly one of the two. */
  private static boolean oneOfPathOrTable(
      Section s, String section, String table, String path, String catalog, ConfigObject own) {
    if (path != null && catalog != null) {
      s.problem(
          "table",
          "Invalid "
              + section
              + " of table "
              + table
              + ": it sets both path and table; give a path (a directory of files) or a catalog"
              + " table, not both.");
      return false;
    }
    if (path == null && catalog == null && !s.has("table")) {
      s.problems()
          .add(
              ownOrigin(own, section, s.origin()),
              "Missing 'path' or 'table' in "
                  + section
                  + " of table "
                  + table
                  + ": give a path (path = \"/data/customers\") or a catalog table (table ="
                  + " \"db.customers\").");
      return false;
    }
    return path != null || catalog != null;
  }

  /** Where the table's own entry sets {@code section}, else {@code fallback}. */
  private static ConfigOrigin ownOrigin(ConfigObject own, String section, ConfigOrigin fallback) {
    ConfigValue v = own.get(section);
    return v != null ? v.origin() : fallback;
  }

  /** Whether the table's own entry (not table-defaults) sets {@code section.key}. */
  private static boolean ownSets(ConfigObject own, String section, String key) {
    ConfigValue v = own.get(section);
    return v instanceof ConfigObject && ((ConfigObject) v).containsKey(key);
  }

  private static String problemsWhere(Section t, ConfigObject own) {
    return t.problems().where(own.origin());
  }

  /**
   * A column entry is {@code path { op = ..., ... }}, the shorthand {@code path = keep} or {@code
   * path = drop}, or an object without op grouping nested fields: {@code address { city { op = keep
   * } }} is the same as {@code "address.city" { op = keep }}.
   */
  private static void readRules(
      Section columns,
      List<ColumnPath.Step> prefix,
      OperationSpecReader ops,
      List<RuleConfig> rules,
      Map<ColumnPath, ConfigOrigin> seen,
      Problems problems,
      String table) {
    for (String key : columns.keys()) {
      ConfigValue value = columns.value(key);
      List<ColumnPath.Step> steps = new ArrayList<>(prefix);
      try {
        steps.addAll(ColumnPath.parse(key).steps());
      } catch (IllegalArgumentException e) {
        problems.add(value.origin(), e.getMessage() + " (in " + table + ").");
        continue;
      }
      ColumnPath path = ColumnPath.of(steps);
      String context = "column " + path + " of " + table;
      OperationSettings spec;
      if (value.valueType() == ConfigValueType.STRING
          && List.of("keep", "drop").contains(String.valueOf(value.unwrapped()))) {
        spec = Operations.fromRecord(Map.of("op", value.unwrapped())); // keep and drop take nothing
      } else if (value.valueType() == ConfigValueType.OBJECT) {
        ConfigObject obj = (ConfigObject) value;
        Section column = new Section(obj, context, problems);
        if (!obj.containsKey("op")
            && !obj.isEmpty()
            && obj.values().stream()
                .allMatch(
                    v ->
                        v.valueType() == ConfigValueType.OBJECT
                            || v.valueType() == ConfigValueType.STRING)) {
          readRules(column, steps, ops, rules, seen, problems, table);
          continue;
        }
        spec = ops.read(column);
      } else {
        problems.add(
            value.origin(), "Invalid " + context + ": expected { op = ... } or keep / drop.");
        continue;
      }
      // One key repeated is the RepeatedKeyFinder's; two keys reaching one path are found here.
      ConfigOrigin other = seen.putIfAbsent(path, value.origin());
      if (other != null) {
        boolean otherFirst = other.lineNumber() <= value.origin().lineNumber();
        ConfigOrigin first = otherFirst ? other : value.origin();
        ConfigOrigin second = otherFirst ? value.origin() : other;
        problems.add(
            second,
            "Invalid "
                + context
                + ": it is ruled twice ("
                + problems.where(first)
                + " and "
                + problems.where(second)
                + "), under two spellings of its path.");
        continue;
      }
      if (spec == null) {
        continue;
      }
      rules.add(new RuleConfig(path, spec, problems.where(value.origin())));
    }
  }

  private static String digest(Config job) {
    String text = job.resolve().root().render(ConfigRenderOptions.concise());
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder("sha256:");
      for (byte b : d) {
        sb.append(String.format("%02x", b & 0xff));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Typesafe Config prefixes messages with the origin, which Veil prints in its own form. */
  private static String stripOrigin(String message) {
    return message.replaceFirst("^[^:]*: \\d+: ", "").replaceFirst("^[^:]*\\.conf(: \\d+)?: ", "");
  }
}
