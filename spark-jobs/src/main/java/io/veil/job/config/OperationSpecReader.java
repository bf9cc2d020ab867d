package io.veil.job.config;

import com.typesafe.config.ConfigObject;
import io.veil.op.Parameter;
import io.veil.spark.op.OperationDefinition;
import io.veil.spark.op.OperationSettings;
import io.veil.spark.op.Operations;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads one column rule with its op's definition: the op must be one of {@link Operations}, its
 * keys among the parameters the definition lists, and the definition reads and checks them with
 * {@code reference.conf}'s op defaults filled in. Problems are recorded with their lines; the
 * settings are returned only when the rule is valid.
 */
final class OperationSpecReader {
  private final ConfigObject opDefaults;
  private final Set<String> keyNames;

  OperationSpecReader(ConfigObject opDefaults, Set<String> keyNames) {
    this.opDefaults = opDefaults;
    this.keyNames = keyNames;
  }

  /** Reads a column rule's object; null when it has problems (recorded). */
  OperationSettings read(Section column) {
    String op = column.choice("op", Operations.names(), true);
    if (op == null) {
      return null;
    }
    OperationDefinition definition = Operations.named(op).orElseThrow();
    Set<String> accepted = new HashSet<>();
    for (Parameter p : definition.parameters()) {
      accepted.add(p.name());
    }
    accepted.add("op");
    int before = column.problems().count();
    column.rejectUnknownKeys(accepted, "parameter for op " + op);
    Set<String> explicit = new HashSet<>(column.keys());
    explicit.remove("op");
    OperationSettings settings =
        definition.read(new SectionParameters(withDefaults(column, op), explicit, keyNames));
    if (settings == null && column.problems().count() == before) {
      // A rule that reads as nothing must never leave its column unlisted without a word.
      column
          .problems()
          .add(
              column.origin(),
              "Invalid "
                  + op
                  + " in "
                  + column.context()
                  + ": its parameters do not"
                  + " make a rule.");
    }
    return column.problems().count() == before ? settings : null;
  }

  private Section withDefaults(Section column, String op) {
    Object defaults = opDefaults.get(op);
    if (defaults instanceof ConfigObject) {
      ConfigObject merged = column.objectValue().withFallback((ConfigObject) defaults);
      return new Section(merged, column.context(), column.problems(), column.origin());
    }
    return column;
  }
}
