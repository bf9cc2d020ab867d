package io.veil.job.scan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.scan.ColumnFinding;
import io.veil.scan.ColumnSample;
import io.veil.scan.PiiType;
import io.veil.scan.QuasiIdentifierSearch;
import io.veil.spark.ColumnPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** The scan's page from a report built by hand; no Spark session. */
class ScanPageTest {
  static final String NASTY = "<i>e</i>&\"'";

  @Test
  void columnNamesAndThePathAreEscapedAndNothingIsFetched() {
    ScanReport report =
        new ScanReport(
                "/data/<t>",
                "parquet",
                100,
                50,
                List.of(
                    new LeafField(
                        ColumnPath.column(NASTY), DataTypes.StringType, ColumnSample.Kind.STRING)),
                List.of(
                    new ColumnFinding(
                        NASTY,
                        ColumnSample.Kind.STRING,
                        PiiType.EMAIL,
                        0.98,
                        0.95,
                        50,
                        Map.of("address", 49),
                        Set.of())))
            .with(
                new ScanReport.QuasiIdentifiers(
                    5,
                    null,
                    3,
                    List.of(
                        new QuasiIdentifierSearch.Combination(List.of(NASTY, "zip"), 7, 3, 50))));
    String html = ScanPage.html(report);
    assertFalse(html.contains("<i>e</i>"), html);
    assertTrue(html.contains("<code>&lt;i&gt;e&lt;/i&gt;&amp;&quot;&#39;</code>"), html);
    assertTrue(html.contains("Scan of /data/&lt;t&gt;"), html);
    assertTrue(html.contains(">email</span>"), html);
    assertTrue(html.contains("98%") || html.contains("98.00%"), html);
    assertTrue(html.contains(" + <code>zip</code>"), html);
    assertTrue(html.contains("1 of 1 columns hold personal data."), html);
    assertFalse(html.contains("http") || html.contains("<script"), html);
  }
}
