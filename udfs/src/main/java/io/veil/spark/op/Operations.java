package io.veil.spark.op;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one list of Veil's operations. The config reader, the planner, the SQL functions, the
 * metadata reader, {@code veil inspect} and the docs' operations table walk it; adding an op is
 * adding its definition here.
 */
public final class Operations {
  private static final List<OperationDefinition> ALL =
      List.of(
          new MaskDefinition(),
          new TruncateDefinition(),
          ShiftDefinition.SHIFT,
          ShiftDefinition.UNSHIFT,
          new NoiseDefinition(),
          new GeneralizeDefinition(),
          new RedactDefinition(),
          new ReplaceDefinition(),
          new EncryptDefinition(),
          new DecryptDefinition(),
          new RekeyDefinition(),
          PassDefinition.DROP,
          PassDefinition.KEEP);

  private Operations() {}

  public static List<OperationDefinition> all() {
    return ALL;
  }

  public static List<String> names() {
    return ALL.stream().map(OperationDefinition::name).toList();
  }

  public static Optional<OperationDefinition> named(String name) {
    return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** The settings a metadata or report record describes, or null when no op reads it. */
  public static OperationSettings fromRecord(Map<String, Object> record) {
    Object op = record.get("op");
    return op == null ? null : named(op.toString()).map(d -> d.fromRecord(record)).orElse(null);
  }
}
