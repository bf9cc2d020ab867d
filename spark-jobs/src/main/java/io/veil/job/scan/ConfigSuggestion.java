package io.veil.job.scan;

import com.typesafe.config.ConfigUtil;
import io.veil.job.config.JobConfigLoader;
import io.veil.scan.ColumnFinding;
import io.veil.scan.ColumnSample;
import io.veil.scan.PiiType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A job config for a scanned table, as a starting point: every column is listed (so {@code
 * unlisted-columns = fail} holds), personal data gets an op that suits its type, everything else is
 * kept, and each choice carries a comment saying why.
 *
 * <p>Keys: the suggestion defines one key, {@value #KEY_NAME}, whose source is a placeholder
 * ({@value #DEFAULT_KEY_SOURCE}) unless the user gives one with {@code --key-source}; key material
 * is never written. Without {@code --key-source} only keyless ops are suggested (masks for e-mail
 * addresses and names), so {@code veil check} accepts the file before any key exists: it reads a
 * key only when a column uses it. With {@code --key-source}, names and e-mail addresses get keyed
 * pseudonyms, which keep joins across tables working.
 */
public final class ConfigSuggestion {
  public static final String KEY_NAME = "pii";
  public static final String DEFAULT_KEY_SOURCE = "env:VEIL_KEY_PII_V1";

  /** Replaces the last IPv4 octet or IPv6 group with 0. */
  static final String IP_PATTERN = "(?<=[.:])[0-9A-Fa-f]+$";

  /** Decimal degrees to one decimal; degrees-minutes-seconds to whole degrees. */
  static final String COORDINATE_PATTERN = "(\\.\\d)\\d+|(?<=[°º])\\s?\\d+['′’][^NSEW]*";

  private static final Set<String> HOCON_WORDS =
      Set.of("true", "false", "null", "include", "on", "off", "yes", "no");

  private final ScanReport report;
  private final String keySource;

  private ConfigSuggestion(ScanReport report, String keySource) {
    this.report = report;
    this.keySource = keySource;
  }

  /**
   * The suggested config's text.
   *
   * @param keySource where the {@value #KEY_NAME} key lives ({@code env:NAME}, {@code file:PATH},
   *     ...), or null to suggest keyless ops only
   */
  public static String render(ScanReport report, String keySource) {
    return new ConfigSuggestion(report, keySource).render();
  }

  /**
   * Writes the suggestion to {@code file}, which must not exist yet, then validates it as {@code
   * veil check} would before touching data, so a suggestion never fails to load.
   */
  public static void write(ScanReport report, String keySource, Path file) {
    try {
      Files.writeString(
          file,
          render(report, keySource),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new UncheckedIOException(
          "Cannot write " + file + ": the file exists (veil scan never overwrites one)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    JobConfigLoader.load(file);
  }

  private String render() {
    String name = tableName(report.path());
    StringBuilder out = new StringBuilder();
    out.append("# Suggested by `veil scan` for ")
        .append(report.path())
        .append(" (")
        .append(
            String.format(
                Locale.ROOT, "%,d of %,d rows sampled", report.sampledRows(), report.tableRows()))
        .append(").\n");
    out.append(
        "# A scan samples and infers: review every rule, every `keep` above all, before running it.\n");
    out.append("# Then: veil check FILE, veil run FILE --dry-run, veil run FILE.\n");
    out.append("veil {\n");
    out.append("  keys {\n");
    if (keySource == null) {
      out.append(
          "    # For keyed pseudonyms (replace with = pseudonym); no column uses it yet, and `veil check` reads\n");
      out.append(
          "    # a key only when one does. Its material never goes in this file: put a base64 key from\n");
      out.append(
          "    # `veil keygen` (32 bytes or more) in VEIL_KEY_PII_V1, or name a file:, keystore: or hadoop:\n");
      out.append(
          "    # source here. `veil scan --key-source SOURCE` suggests pseudonyms for names and e-mails.\n");
    } else {
      out.append(
          "    # Key material never goes in this file: the source holds it as base64 (`veil keygen`\n");
      out.append(
          "    # prints a fresh key of 32 bytes). Each version stays readable for as long as data uses it.\n");
    }
    out.append("    ")
        .append(KEY_NAME)
        .append(" { versions = [{ version = 1, source = ")
        .append(ConfigUtil.quoteString(keySource == null ? DEFAULT_KEY_SOURCE : keySource))
        .append(" }], primary = 1 }\n");
    out.append("  }\n");
    out.append("  tables = [\n");
    out.append("    {\n");
    out.append("      name = ").append(name).append('\n');
    out.append("      input { path = ")
        .append(ConfigUtil.quoteString(report.path()))
        .append(", format = ")
        .append(report.format())
        .append(" }\n");
    out.append(
        "      # CHANGE ME: where the anonymized table goes (not the input, nor inside it).\n");
    out.append("      output { path = ")
        .append(ConfigUtil.quoteString("CHANGE-ME/anonymized/" + name))
        .append(" }\n");
    out.append("      unlisted-columns = fail\n");
    out.append("      columns {\n");
    for (Map.Entry<String, List<Integer>> column : byTopLevelColumn().entrySet()) {
      List<Integer> leaves = column.getValue();
      boolean allKept =
          leaves.stream()
              .allMatch(i -> rule(i).equals("keep") && report.findings().get(i).values() > 0);
      boolean whole =
          leaves.size() == 1 && report.leaves().get(leaves.get(0)).path().steps().size() == 1;
      if (allKept && !whole) {
        List<String> paths = new ArrayList<>();
        for (int i : leaves) {
          paths.add(report.leaves().get(i).path().toString());
        }
        out.append("        ")
            .append(key(column.getKey()))
            .append(" = keep   # no personal data found in ")
            .append(String.join(", ", paths))
            .append('\n');
        continue;
      }
      for (int i : leaves) {
        String rule = rule(i);
        out.append("        ")
            .append(key(report.leaves().get(i).path().toString()))
            .append(rule.equals("keep") || rule.equals("drop") ? " = " + rule : " " + rule)
            .append("   # ")
            .append(comment(i))
            .append('\n');
      }
    }
    out.append("      }\n");
    out.append("    }\n");
    out.append("  ]\n");
    out.append("}\n");
    return out.toString();
  }

  private Map<String, List<Integer>> byTopLevelColumn() {
    Map<String, List<Integer>> columns = new LinkedHashMap<>();
    for (int i = 0; i < report.leaves().size(); i++) {
      columns
          .computeIfAbsent(report.leaves().get(i).path().column(), c -> new ArrayList<>())
          .add(i);
    }
    return columns;
  }

  /** The rule for leaf {@code i}: {@code keep}, {@code drop} or an op object. */
  private String rule(int i) {
    ColumnFinding f = report.findings().get(i);
    if (f.type() == null) {
      return "keep";
    }
    boolean text = f.kind() == ColumnSample.Kind.STRING;
    switch (f.type()) {
      case EMAIL:
        return keySource != null ? pseudonym() : text ? "{ op = mask, preset = email }" : nulls();
      case PHONE:
        return text ? "{ op = mask, preset = phone }" : nulls();
      case ID_CARD:
        return text ? "{ op = mask, preset = id-card }" : nulls();
      case BANK_CARD:
        return text ? "{ op = mask, preset = card }" : nulls();
      case IBAN:
        return text ? "{ op = mask, keep-first = 2, keep-last = 4 }" : nulls();
      case IP_ADDRESS:
        return text
            ? "{ op = replace, with = regex, pattern = "
                + ConfigUtil.quoteString(IP_PATTERN)
                + ", replacement = \"0\" }"
            : nulls();
      case PERSON_NAME:
        return keySource != null
            ? pseudonym()
            : text ? "{ op = mask, upper = \"X\", lower = \"x\", letter = \"X\" }" : nulls();
      case BIRTH_DATE:
        return birthDate(f);
      case US_SSN:
        // The last four digits, as US statements print them; a key links rows instead.
        return keySource != null ? pseudonym() : text ? "{ op = mask, keep-last = 4 }" : nulls();
      case UK_NINO:
        return keySource != null ? pseudonym() : text ? "{ op = mask }" : nulls();
      case MAC_ADDRESS:
        // The first three octets name the maker, not the device.
        return text ? "{ op = mask, keep-first = 8 }" : nulls();
      case GEO_COORDINATES:
        // One decimal place of a degree is about 11 km: a town, not a house.
        if (f.kind() == ColumnSample.Kind.NUMBER) {
          return "{ op = truncate, width = 0.1 }";
        }
        return text
            ? "{ op = replace, with = regex, pattern = "
                + ConfigUtil.quoteString(COORDINATE_PATTERN)
                + ", replacement = \"$1\" }"
            : nulls();
      case POSTAL_ADDRESS:
        return nulls();
      case FREE_TEXT_WITH_PII:
        return text ? "{ op = redact }" : "drop"; // the words stay, the embedded data goes
      default:
        return "keep";
    }
  }

  private static String birthDate(ColumnFinding f) {
    switch (f.kind()) {
      case DATE:
      case TIMESTAMP:
        return "{ op = truncate, unit = year }";
      case INTEGER:
        return "{ op = truncate, width = 10000 }"; // yyyyMMdd as a number: keeps yyyy0000
      case STRING:
        int first = f.forms().getOrDefault("year-first", 0);
        int last = f.forms().getOrDefault("year-last", 0);
        if (first >= 0.95 * (first + last) && first > 0) {
          return "{ op = truncate, keep-first = 4 }";
        }
        if (last >= 0.95 * (first + last) && last > 0) {
          return "{ op = truncate, keep-last = 4 }";
        }
        return nulls();
      default:
        return nulls();
    }
  }

  private static String pseudonym() {
    return "{ op = replace, with = pseudonym, key = " + KEY_NAME + " }";
  }

  private static String nulls() {
    return "{ op = replace, with = null }";
  }

  private String comment(int i) {
    ColumnFinding f = report.findings().get(i);
    LeafField leaf = report.leaves().get(i);
    if (leaf.kind() == ColumnSample.Kind.UNSCANNED) {
      return "not scanned (" + leaf.type().simpleString() + "): check it yourself";
    }
    if (f.values() == 0) {
      return "no values in the sample: check it yourself";
    }
    if (f.type() == null) {
      return "no personal data found in " + f.values() + " sampled values";
    }
    StringBuilder c = new StringBuilder(f.type().label());
    if (f.type() == PiiType.FREE_TEXT_WITH_PII) {
      List<String> kinds = new ArrayList<>();
      for (PiiType t : f.embedded()) {
        kinds.add(t.label());
      }
      c.append(" (embeds ").append(String.join(", ", kinds)).append(")");
    }
    c.append(
        String.format(
            Locale.ROOT,
            ": %.1f%% of %d sampled values, confidence %.2f",
            100 * f.share(),
            f.values(),
            f.confidence()));
    if (keySource == null && (f.type() == PiiType.PERSON_NAME || f.type() == PiiType.EMAIL)) {
      c.append("; joinable alternative: ").append(pseudonym());
    }
    if (f.type() == PiiType.IP_ADDRESS) {
      c.append("; zeroes the last IPv4 octet or IPv6 group");
    }
    if (!(f.kind() == ColumnSample.Kind.STRING) && rule(i).equals(nulls())) {
      c.append("; masks take strings, so the values are replaced by nulls");
    }
    return c.toString();
  }

  /**
   * A HOCON key for a column path: bare when safe, quoted otherwise (dots, brackets, non-ASCII).
   */
  static String key(String path) {
    if (path.matches("[A-Za-z_][A-Za-z0-9_-]*")
        && !HOCON_WORDS.contains(path.toLowerCase(Locale.ROOT))) {
      return path;
    }
    return ConfigUtil.quoteString(path);
  }

  /** The table's name in the config: the last segment of its path, as a bare HOCON word. */
  static String tableName(String path) {
    String p = path.replaceAll("[/\\\\]+$", "");
    String last = p.substring(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
    String name = last.replaceAll("[^A-Za-z0-9_-]", "_");
    if (name.isEmpty()
        || !Character.isLetter(name.charAt(0))
        || HOCON_WORDS.contains(name.toLowerCase(Locale.ROOT))) {
      name = "table_" + name;
    }
    return name;
  }
}
