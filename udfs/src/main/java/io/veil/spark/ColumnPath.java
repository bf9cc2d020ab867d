package io.veil.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A path to a column or to values nested inside one: {@code name}, {@code address.city} (a struct
 * field), {@code contacts[].phone} (a field of every element of an array of structs), {@code
 * tags[]} (every element of an array), {@code attributes{}} (every value of a map). Names holding
 * dots, brackets or spaces are quoted with backticks, a backtick inside doubled: {@code
 * `order.total`}.
 */
public final class ColumnPath {

  /** One step down from a value to values inside it. */
  public static final class Step {
    public enum Kind {
      FIELD,
      ELEMENTS,
      VALUES
    }

    public static final Step ELEMENTS = new Step(Kind.ELEMENTS, null);
    public static final Step VALUES = new Step(Kind.VALUES, null);

    private final Kind kind;
    private final String name;

    private Step(Kind kind, String name) {
      this.kind = kind;
      this.name = name;
    }

    public static Step field(String name) {
      return new Step(Kind.FIELD, name);
    }

    public Kind kind() {
      return kind;
    }

    public String name() {
      return name;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Step && ((Step) o).kind == kind && Objects.equals(((Step) o).name, name);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, name);
    }

    @Override
    public String toString() {
      switch (kind) {
        case ELEMENTS:
          return "[]";
        case VALUES:
          return "{}";
        default:
          return quoteIfNeeded(name);
      }
    }
  }

  private final List<Step> steps;

  private ColumnPath(List<Step> steps) {
    this.steps = Collections.unmodifiableList(steps);
  }

  public static ColumnPath of(List<Step> steps) {
    return new ColumnPath(new ArrayList<>(steps));
  }

  /** The path of a top-level column, taken literally (no parsing). */
  public static ColumnPath column(String name) {
    return new ColumnPath(List.of(Step.field(name)));
  }

  /**
   * @throws IllegalArgumentException saying what is wrong with the path text
   */
  public static ColumnPath parse(String text) {
    List<Step> steps = new ArrayList<>();
    int i = 0;
    int n = text.length();
    boolean expectName = true;
    while (i < n) {
      char c = text.charAt(i);
      if (expectName) {
        StringBuilder name = new StringBuilder();
        if (c == '`') {
          i++;
          boolean closed = false;
          while (i < n) {
            char q = text.charAt(i);
            if (q == '`') {
              if (i + 1 < n && text.charAt(i + 1) == '`') {
                name.append('`');
                i += 2;
                continue;
              }
              closed = true;
              i++;
              break;
            }
            name.append(q);
            i++;
          }
          if (!closed) {
            throw new IllegalArgumentException(
                "Invalid column path " + text + ": unclosed backtick");
          }
        } else {
          while (i < n && "`.[]{}".indexOf(text.charAt(i)) < 0) {
            name.append(text.charAt(i));
            i++;
          }
        }
        if (name.length() == 0) {
          throw new IllegalArgumentException("Invalid column path " + text + ": empty name");
        }
        steps.add(Step.field(name.toString()));
        expectName = false;
      } else if (text.startsWith("[]", i)) {
        steps.add(Step.ELEMENTS);
        i += 2;
      } else if (text.startsWith("{}", i)) {
        steps.add(Step.VALUES);
        i += 2;
      } else if (c == '.') {
        i++;
        expectName = true;
        if (i == n) {
          throw new IllegalArgumentException("Invalid column path " + text + ": ends with a dot");
        }
      } else {
        throw new IllegalArgumentException(
            "Invalid column path "
                + text
                + ": unexpected '"
                + c
                + "' at position "
                + (i + 1)
                + " (quote names holding . [ ] { } with backticks)");
      }
    }
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("Invalid column path: empty");
    }
    return new ColumnPath(steps);
  }

  public List<Step> steps() {
    return steps;
  }

  /** The top-level column this path starts at. */
  public String column() {
    return steps.get(0).name();
  }

  public ColumnPath child(Step step) {
    List<Step> s = new ArrayList<>(steps);
    s.add(step);
    return new ColumnPath(s);
  }

  static String quoteIfNeeded(String name) {
    for (int i = 0; i < name.length(); i++) {
      if ("`.[]{} ".indexOf(name.charAt(i)) >= 0) {
        return "`" + name.replace("`", "``") + "`";
      }
    }
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColumnPath && ((ColumnPath) o).steps.equals(steps);
  }

  @Override
  public int hashCode() {
    return steps.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      if (s.kind() == Step.Kind.FIELD && i > 0) {
        sb.append('.');
      }
      sb.append(s);
    }
    return sb.toString();
  }
}
