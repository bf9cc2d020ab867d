package io.veil.job.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.job.config.JobConfig;
import io.veil.job.config.JobConfigLoader;
import io.veil.scan.ColumnFinding;
import io.veil.scan.ColumnSample.Kind;
import io.veil.scan.PiiType;
import io.veil.spark.ColumnPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suggested rules per type and column kind, without Spark. */
class ConfigSuggestionTest {
  @TempDir Path dir;

  private final List<LeafField> leaves = new ArrayList<>();
  private final List<ColumnFinding> findings = new ArrayList<>();

  private void column(
      String path, DataType type, Kind kind, PiiType found, Map<String, Integer> forms) {
    leaves.add(new LeafField(ColumnPath.parse(path), type, kind));
    findings.add(
        new ColumnFinding(path, kind, found, found == null ? 0 : 0.9, 0.95, 100, forms, Set.of()));
  }

  private String render(String keySource) {
    return ConfigSuggestion.render(
        new ScanReport("/lake/raw/people/", "orc", 1000, 100, leaves, findings), keySource);
  }

  @Test
  void opsFitTheColumnsTypeAndValueForm() throws Exception {
    column("phone_no", DataTypes.LongType, Kind.INTEGER, PiiType.PHONE, Map.of("cn-mobile", 90));
    column("iban", DataTypes.StringType, Kind.STRING, PiiType.IBAN, Map.of("iban", 90));
    column(
        "dob_text", DataTypes.StringType, Kind.STRING, PiiType.BIRTH_DATE, Map.of("year-last", 90));
    column(
        "dob_iso", DataTypes.StringType, Kind.STRING, PiiType.BIRTH_DATE, Map.of("year-first", 90));
    column(
        "dob_mixed",
        DataTypes.StringType,
        Kind.STRING,
        PiiType.BIRTH_DATE,
        Map.of("year-first", 50, "year-last", 40));
    column(
        "dob_number",
        DataTypes.IntegerType,
        Kind.INTEGER,
        PiiType.BIRTH_DATE,
        Map.of("year-first", 90));
    column("null", DataTypes.StringType, Kind.STRING, null, Map.of());
    column("photo", DataTypes.BinaryType, Kind.UNSCANNED, null, Map.of());
    String text = render(null);
    assertTrue(text.contains("phone_no { op = replace, with = null }"), text);
    assertTrue(text.contains("masks take strings"), text);
    assertTrue(text.contains("iban { op = mask, keep-first = 2, keep-last = 4 }"), text);
    assertTrue(text.contains("dob_text { op = truncate, keep-last = 4 }"), text);
    assertTrue(text.contains("dob_iso { op = truncate, keep-first = 4 }"), text);
    assertTrue(text.contains("dob_mixed { op = replace, with = null }"), text);
    assertTrue(text.contains("dob_number { op = truncate, width = 10000 }"), text);
    assertTrue(text.contains("\"null\" = keep"), text);
    assertTrue(text.contains("photo = keep   # not scanned (binary): check it yourself"), text);
    assertTrue(text.contains("name = people\n"), text);
    assertTrue(text.contains("input { path = \"/lake/raw/people/\", format = orc }"), text);

    Path file = dir.resolve("people.conf");
    ConfigSuggestion.write(
        new ScanReport("/lake/raw/people/", "orc", 1000, 100, leaves, findings), null, file);
    JobConfig config = JobConfigLoader.load(file);
    assertEquals(8, config.tables().get(0).rules().size());
  }

  @Test
  void theDetectorsBeyondMainlandChinaGetRulesThatLoad() throws Exception {
    column("ssn", DataTypes.StringType, Kind.STRING, PiiType.US_SSN, Map.of("us-ssn", 90));
    column("nino", DataTypes.StringType, Kind.STRING, PiiType.UK_NINO, Map.of("uk-nino", 90));
    column("mac", DataTypes.StringType, Kind.STRING, PiiType.MAC_ADDRESS, Map.of("mac", 90));
    column(
        "gps", DataTypes.StringType, Kind.STRING, PiiType.GEO_COORDINATES, Map.of("lat-long", 90));
    column(
        "lat", DataTypes.DoubleType, Kind.NUMBER, PiiType.GEO_COORDINATES, Map.of("latitude", 90));
    column(
        "address",
        DataTypes.StringType,
        Kind.STRING,
        PiiType.POSTAL_ADDRESS,
        Map.of("us-address", 90));
    String text = render(null);
    assertTrue(text.contains("ssn { op = mask, keep-last = 4 }"), text);
    assertTrue(text.contains("nino { op = mask }"), text);
    assertTrue(text.contains("mac { op = mask, keep-first = 8 }"), text);
    assertTrue(text.contains("gps { op = replace, with = regex"), text);
    assertTrue(text.contains("lat { op = truncate, width = 0.1 }"), text);
    assertTrue(text.contains("address { op = replace, with = null }"), text);
    assertTrue(render("env:VEIL_KEY").contains("ssn { op = replace, with = pseudonym"));

    String pattern = ConfigSuggestion.COORDINATE_PATTERN;
    assertEquals("37.7, -122.4", "37.7749, -122.4194".replaceAll(pattern, "$1"));
    assertEquals("40°N 79°W", "40°26'46\"N 79°58'56\"W".replaceAll(pattern, "$1"));

    Path file = dir.resolve("people.conf");
    ConfigSuggestion.write(
        new ScanReport("/lake/raw/people/", "orc", 1000, 100, leaves, findings), null, file);
    assertEquals(6, JobConfigLoader.load(file).tables().get(0).rules().size());
  }

  @Test
  void keysAreQuotedWhenHoconNeedsIt() {
    assertEquals("name", ConfigSuggestion.key("name"));
    assertEquals("card_number", ConfigSuggestion.key("card_number"));
    assertEquals("\"address.city\"", ConfigSuggestion.key("address.city"));
    assertEquals("\"tags[]\"", ConfigSuggestion.key("tags[]"));
    assertEquals("\"姓名\"", ConfigSuggestion.key("姓名"));
    assertEquals("\"true\"", ConfigSuggestion.key("true"));
    assertEquals("\"`a b`\"", ConfigSuggestion.key("`a b`"));
  }

  @Test
  void tableNamesComeFromThePathsLastSegment() {
    assertEquals("customers", ConfigSuggestion.tableName("sample-data/customers"));
    assertEquals("customers", ConfigSuggestion.tableName("s3a://lake/raw/customers/"));
    assertEquals("table_2024", ConfigSuggestion.tableName("/data/2024"));
    assertEquals("my_table", ConfigSuggestion.tableName("/data/my.table"));
  }
}
