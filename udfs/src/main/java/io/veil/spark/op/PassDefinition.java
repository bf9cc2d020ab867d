package io.veil.spark.op;

import io.veil.op.Parameter;
import io.veil.op.ParameterSource;
import io.veil.spark.ColumnAction;
import java.util.List;
import java.util.Map;

/** {@code keep} and {@code drop}: pass a field through byte-identical, or remove it. */
public final class PassDefinition implements OperationDefinition {
  private final String name;
  private final ColumnAction action;
  private final String summary;

  private PassDefinition(String name, ColumnAction action, String summary) {
    this.name = name;
    this.action = action;
    this.summary = summary;
  }

  static final PassDefinition KEEP =
      new PassDefinition(
          "keep", ColumnAction.KEEP, "the field passed through unchanged" + " (byte-identical)");
  static final PassDefinition DROP =
      new PassDefinition("drop", ColumnAction.DROP, "the field removed");

  /** Keep and drop take nothing: their settings are the op alone. */
  public record Nothing(String op) implements OperationSettings {
    @Override
    public Map<String, Object> record() {
      return Map.of("op", op);
    }

    @Override
    public String inWords() {
      return op;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String summary() {
    return summary;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  public OperationSettings read(ParameterSource source) {
    return new Nothing(name);
  }

  @Override
  public ColumnAction bind(OperationSettings settings, Binding binding) {
    return action;
  }

  @Override
  public OperationSettings fromRecord(Map<String, Object> record) {
    return new Nothing(name);
  }
}
