package io.veil.scan;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a scan concluded about one column.
 *
 * @param column the column's path
 * @param kind the column's type family
 * @param type the personal data found, or null when none was
 * @param share for a type, the share of sampled non-empty values that hold it (for free text: that
 *     embed personal data); for a clean column, the largest share any validator accepted (its near
 *     miss), 0 when none did
 * @param confidence 0 to 1: how sure the scan is of its verdict, type or none (see {@link
 *     ColumnClassifier})
 * @param values how many non-empty values were sampled
 * @param forms for a type, how many values matched in each form ({@code cn-mobile}, {@code e164},
 *     {@code year-first}...)
 * @param embedded for free text, the kinds of personal data found inside it
 */
public record ColumnFinding(
    String column,
    ColumnSample.Kind kind,
    PiiType type,
    double share,
    double confidence,
    int values,
    Map<String, Integer> forms,
    Set<PiiType> embedded) {

  public ColumnFinding {
    forms = Collections.unmodifiableMap(new LinkedHashMap<>(forms));
    EnumSet<PiiType> types = EnumSet.noneOf(PiiType.class);
    types.addAll(embedded);
    embedded = Collections.unmodifiableSet(types);
  }

  public boolean isPii() {
    return type != null;
  }
}
