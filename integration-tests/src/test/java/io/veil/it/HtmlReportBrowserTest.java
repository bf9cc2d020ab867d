package io.veil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.veil.job.CliRun;
import io.veil.testing.SharedSpark;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's {@code _veil_report.html} in a real browser: a job with k-anonymity, l-diversity,
 * t-closeness and the leak check on a table of made-up people, then headless Chromium (Debian's
 * {@code chromium} package) renders the page. The page must render with its sections and chart, its
 * screenshot must not be blank, and no input value or key material may be in the file or the
 * rendered DOM.
 */
class HtmlReportBrowserTest {
  static final int ROWS = 600;
  static final List<String> GIVEN =
      List.of(
          "Amelia",
          "Bartholomew",
          "Chiamaka",
          "Dmitri",
          "Eleonora",
          "Fumiko",
          "Gustavo",
          "Henrietta",
          "Ignatius",
          "Jovana",
          "Kwabena",
          "Ludmila",
          "Maximilian",
          "Nkechi",
          "Oswaldo",
          "Perpetua",
          "Quirino",
          "Rosalind",
          "Sigismund",
          "Thandiwe");
  static final List<String> SURNAMES =
      List.of(
          "Abernathy",
          "Bergkvist",
          "Castellanos",
          "Dimitrova",
          "Eriksdottir",
          "Fitzgerald",
          "Grzybowski",
          "Hakobyan",
          "Iwasaki",
          "Jankowska",
          "Kowalczyk",
          "Lindqvist",
          "Montague",
          "Nakashima",
          "Okonkwo",
          "Pettersson",
          "Quintanilla",
          "Rasmussen",
          "Szczepanski",
          "Takahashi",
          "Uchenna",
          "Vasquez",
          "Wojciechowski",
          "Xenakis",
          "Yamamoto",
          "Zimmermann",
          "Ashworth",
          "Blackwood",
          "Carrington",
          "Davenport");
  static final List<String> DIAGNOSES =
      List.of("asthma", "diabetes", "hypertension", "migraine", "influenza");

  @TempDir static Path dir;
  static final List<String> personal = new ArrayList<>();
  static final List<String> keyMaterial = new ArrayList<>();
  static Path page;
  static String chromium;

  @BeforeAll
  static void runAJobWithEveryPrivacyMeasure() throws IOException {
    chromium = chromium(); // first: without it the test fails at once, before any Spark job
    Random random = new Random(23);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      String given = GIVEN.get(i % GIVEN.size());
      String surname = SURNAMES.get(i / GIVEN.size());
      String name = given + " " + surname;
      String email = (given + "." + surname).toLowerCase(Locale.ROOT) + "@mail-example.org";
      String phone = String.format("+49 151 %07d", 1_000_000 + i * 7_919);
      String zip = (101 + random.nextInt(3)) + String.format("%02d", random.nextInt(100));
      personal.addAll(List.of(name, email, phone));
      rows.add(
          RowFactory.create(
              i,
              name,
              email,
              phone,
              18 + random.nextInt(62),
              zip,
              random.nextBoolean() ? "F" : "M",
              DIAGNOSES.get(random.nextInt(DIAGNOSES.size()))));
    }
    StructType schema =
        new StructType()
            .add("patient_id", DataTypes.IntegerType)
            .add("name", DataTypes.StringType)
            .add("email", DataTypes.StringType)
            .add("phone", DataTypes.StringType)
            .add("age", DataTypes.IntegerType)
            .add("zip", DataTypes.StringType)
            .add("sex", DataTypes.StringType)
            .add("diagnosis", DataTypes.StringType);
    String input = dir.resolve("patients-in").toString();
    SharedSpark.get().createDataFrame(rows, schema).write().parquet(input);

    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path keyFile = dir.resolve("pii.key");
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n");
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    keyMaterial.add(Base64.getEncoder().encodeToString(key));
    keyMaterial.add(Base64.getUrlEncoder().withoutPadding().encodeToString(key));
    keyMaterial.add(HexFormat.of().formatHex(key));
    keyMaterial.add(HexFormat.of().withUpperCase().formatHex(key));

    Path output = dir.resolve("out/patients");
    Path conf = dir.resolve("patients.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "veil {",
            "  keys { pii { versions = [{ version = 1, source = \"file:"
                + keyFile
                + "\" }], primary = 1 } }",
            "  tables = [{",
            "    name = patients",
            "    input { path = \"" + input + "\", format = parquet }",
            "    output { path = \"" + output + "\" }",
            "    quasi-identifiers = [age, zip, sex]",
            "    k = 5",
            "    sensitive = [diagnosis]",
            "    enforce = suppress-cells",
            "    max-suppressed = 0.5",
            "    leak-check = report",
            "    columns {",
            "      patient_id = keep",
            "      name  { op = mask, upper = \"X\", lower = \"x\", letter = \"X\" }",
            "      email { op = replace, with = pseudonym, key = pii, prefix = \"user_\" }",
            "      phone { op = mask, preset = phone }",
            "      age   { op = generalize, bands = [0, 18, 25, 35, 50, 65] }",
            "      zip   { op = generalize, keep-first = 3 }",
            "      sex = keep",
            "      diagnosis = keep",
            "    }",
            "  }]",
            "}",
            ""));
    CliRun run = CliRun.of("run", conf.toString());
    assertEquals(0, run.code, run::toString);
    page = output.resolve("_veil_report.html");
    assertTrue(Files.isRegularFile(page), "the run wrote " + page);
  }

  @Test
  void chromiumRendersThePageWithItsChartAndNoValueOrKey() throws Exception {
    Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
    List<String> common =
        List.of(
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            "--user-data-dir=" + profile,
            "--window-size=1280,2400");
    String url = page.toUri().toString();

    Path dom = dir.resolve("dom.html");
    run(concat(common, "--dump-dom", url), dom);
    String rendered = Files.readString(dom, StandardCharsets.UTF_8);
    for (String text :
        List.of(
            "patients",
            ">Columns</h2>",
            ">Verification</h2>",
            ">k-anonymity</h2>",
            ">Classes by size</h3>",
            ">Re-identification risk</h2>",
            ">l-diversity</h2>",
            ">t-closeness</h2>",
            ">Utility</h2>",
            ">Leak check</h2>",
            "<svg",
            "<rect")) {
      assertTrue(rendered.contains(text), "the rendered page holds " + text);
    }

    Path png = dir.resolve("report.png");
    run(concat(common, "--screenshot=" + png, url), dir.resolve("screenshot.log"));
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1280, image.getWidth());
    Set<Integer> colours = new HashSet<>();
    long inked = 0;
    long bars = 0;
    Set<Integer> barColours = Set.of(0x2f6fc6, 0xc62f2f, 0xd08a1a); // ClassSizeChart's fills
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        if (rgb != 0xffffff && rgb != 0xf6f7f9) { // white cards, the page's background
          inked++;
        }
        if (barColours.contains(rgb)) {
          bars++;
        }
      }
    }
    long pixels = (long) image.getWidth() * image.getHeight();
    assertTrue(colours.size() > 50, colours.size() + " colours: the screenshot is blank");
    assertTrue(inked > pixels / 50, inked + " of " + pixels + " pixels drawn: blank");
    assertTrue(bars > 3_000, bars + " pixels in the histogram's colours: the chart did not draw");

    String file = Files.readString(page, StandardCharsets.UTF_8);
    assertFalse(file.contains("http:") || file.contains("https:"), "nothing from elsewhere");
    assertFalse(file.contains("<script"), "no script");
    for (String where : List.of("file", "rendered DOM")) {
      String text = where.equals("file") ? file : rendered;
      for (String value : personal) {
        assertFalse(text.contains(value), "an input value is in the " + where);
      }
      for (String k : keyMaterial) {
        assertFalse(text.contains(k), "key material is in the " + where);
      }
    }
  }

  /** Chromium on the PATH; the test fails, rather than skips, without it. */
  static String chromium() {
    for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        File f = new File(dirName, name);
        if (f.canExecute()) {
          return f.getPath();
        }
      }
    }
    return fail(
        "Cannot test the HTML report in a browser: no chromium on the PATH. Install it with"
            + " `apt-get install -y --no-install-recommends chromium` (Debian; .ci/run does this).");
  }

  private static void run(List<String> command, Path stdout) throws Exception {
    Path stderr = Path.of(stdout + ".err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in 120 s: " + String.join(" ", command));
    }
    assertEquals(
        0,
        p.exitValue(),
        () -> {
          try {
            return String.join(" ", command) + "\n" + Files.readString(stderr);
          } catch (IOException e) {
            return String.join(" ", command);
          }
        });
  }

  private static List<String> concat(List<String> common, String... more) {
    List<String> all = new ArrayList<>(common);
    all.addAll(List.of(more));
    return all;
  }
}
