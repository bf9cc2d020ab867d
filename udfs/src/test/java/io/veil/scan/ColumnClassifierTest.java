package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ColumnClassifierTest {
  private final ColumnClassifier classifier =
      new ColumnClassifier(ChineseIdNumberDetectorTest.TODAY);

  private ColumnFinding classify(String name, ColumnSample.Kind kind, String... values) {
    return classifier.classify(new ColumnSample(name, name, kind, Arrays.asList(values)));
  }

  private static String[] repeat(int times, String... values) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      out.addAll(Arrays.asList(values));
    }
    return out.toArray(new String[0]);
  }

  @Test
  void theLargestValidatedShareWinsAndNullsDoNotCount() {
    ColumnFinding f =
        classify(
            "contact",
            ColumnSample.Kind.STRING,
            repeat(10, "13812345678", "+86 139-1234-5678", "a@example.com", null, ""));
    assertEquals(PiiType.PHONE, f.type());
    assertEquals(0.6667, f.share());
    assertEquals(30, f.values());
    assertEquals(Set.of("cn-mobile", "e164"), f.forms().keySet());
  }

  @Test
  void aNameHintLowersTheShareNeeded() {
    String[] values = repeat(10, "13812345678", "n/a", "unknown");
    assertNull(classify("c1", ColumnSample.Kind.STRING, values).type());
    assertEquals(PiiType.PHONE, classify("phone", ColumnSample.Kind.STRING, values).type());
  }

  @Test
  void confidenceGrowsWithEvidenceAndNameAgreement() {
    ColumnFinding few = classify("c", ColumnSample.Kind.STRING, "a@example.com", "b@example.com");
    ColumnFinding many = classify("c", ColumnSample.Kind.STRING, repeat(20, "a@example.com"));
    ColumnFinding phones = classify("c", ColumnSample.Kind.STRING, repeat(20, "13812345678"));
    ColumnFinding named = classify("phone", ColumnSample.Kind.STRING, repeat(20, "13812345678"));
    assertEquals(0.1, few.confidence());
    assertEquals(1.0, many.confidence());
    assertEquals(0.9, phones.confidence());
    assertEquals(1.0, named.confidence());
  }

  @Test
  void emptyAndUnscannedColumnsHaveNoType() {
    ColumnFinding empty = classify("email", ColumnSample.Kind.STRING, null, " ");
    assertNull(empty.type());
    assertEquals(0, empty.values());
    assertEquals(0.0, empty.confidence());
    assertNull(classify("photo", ColumnSample.Kind.UNSCANNED, "x").type());
  }

  @Test
  void birthDatesNeedANameOrAnAdultSpread() {
    List<String> adults = new ArrayList<>();
    List<String> recent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      adults.add(String.format("%d-%02d-%02d", 1940 + i % 60, 1 + i % 12, 1 + i % 28));
      recent.add(String.format("%d-%02d-%02d", 2016 + i % 9, 1 + i % 12, 1 + i % 28));
    }
    String[] a = adults.toArray(new String[0]);
    String[] r = recent.toArray(new String[0]);
    assertEquals(PiiType.BIRTH_DATE, classify("birth_date", ColumnSample.Kind.DATE, a).type());
    assertEquals(PiiType.BIRTH_DATE, classify("d", ColumnSample.Kind.DATE, a).type());
    assertNull(classify("created_at", ColumnSample.Kind.DATE, a).type());
    assertNull(classify("d", ColumnSample.Kind.DATE, r).type());
    assertEquals(PiiType.BIRTH_DATE, classify("dob", ColumnSample.Kind.DATE, r).type());
    assertTrue(
        classify("birth_date", ColumnSample.Kind.DATE, a).confidence()
            > classify("d", ColumnSample.Kind.DATE, a).confidence());
  }

  @Test
  void timestampsWithTimesOfDayAreEventsUnlessNamedForBirth() {
    String[] stamps =
        repeat(20, "1980-05-01 10:11:12", "1975-02-03 08:09:10", "1990-12-24 23:59:59");
    assertNull(classify("t", ColumnSample.Kind.TIMESTAMP, stamps).type());
  }

  @Test
  void aFewRepeatedNameLikeWordsAreACategory() {
    assertNull(
        classify(
                "colour",
                ColumnSample.Kind.STRING,
                repeat(30, "Green", "Brown", "White", "Black", "Rose"))
            .type());
    ColumnFinding first =
        classify(
            "first_name", ColumnSample.Kind.STRING, repeat(10, "James", "Mary", "Sophie", "Lukas"));
    assertEquals(PiiType.PERSON_NAME, first.type());
  }

  @Test
  void freeTextWithEmbeddedPiiListsWhatItFound() {
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      notes.add(
          i % 10 == 0
              ? "Prefers email user" + i + "@example.com please"
              : i % 10 == 1
                  ? "Call back on 1381234" + String.format("%04d", i)
                  : "Customer asked about the delivery date");
    }
    ColumnFinding f =
        classifier.classify(new ColumnSample("notes", "notes", ColumnSample.Kind.STRING, notes));
    assertEquals(PiiType.FREE_TEXT_WITH_PII, f.type());
    assertEquals(0.2, f.share());
    assertEquals(Set.of(PiiType.EMAIL, PiiType.PHONE), f.embedded());
  }

  @Test
  void textWithoutPersonalDataIsClean() {
    ColumnFinding f =
        classify(
            "notes",
            ColumnSample.Kind.STRING,
            repeat(20, "Order ORD-2024-000123 shipped", "Customer asked about the delivery date"));
    assertNull(f.type());
    assertEquals(1.0, f.confidence());
  }

  @Test
  void numbersStoredAsIntegersAreStillChecked() {
    assertEquals(
        PiiType.PHONE,
        classify("c", ColumnSample.Kind.INTEGER, repeat(20, "13812345678", "13912345678")).type());
    assertNull(
        classify("customer_id", ColumnSample.Kind.INTEGER, repeat(20, "1", "2", "17")).type());
  }
}
