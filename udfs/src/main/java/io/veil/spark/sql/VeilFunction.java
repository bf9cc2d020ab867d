package io.veil.spark.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import scala.Option;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * One {@code veil_*} SQL function: its name, the documentation {@code DESCRIBE FUNCTION EXTENDED}
 * shows, and the builder Spark calls with the argument expressions when it analyses a query. The
 * identifier, description and builder are created once, so installing the function twice registers
 * the very same objects and Spark sees nothing to replace.
 */
final class VeilFunction {
  /** Builds the expression for one call; runs on the driver, at analysis. */
  interface Builder {
    Expression build(FunctionCall call);
  }

  /** One documented example: a query and the single value it returns, as Spark prints it. */
  record Example(String query, String result) {}

  private final String name;
  private final List<String> forms;
  private final int minArguments;
  private final int maxArguments;
  private final boolean showsParameters;
  private final String operation;
  private final FunctionIdentifier identifier;
  private final ExpressionInfo info;
  private final AbstractFunction1<Seq<Expression>, Expression> builder;

  private VeilFunction(Documentation doc, int minArguments, int maxArguments, Builder build) {
    this.name = doc.name;
    this.forms = doc.forms.stream().map(f -> f.replace("_FUNC_", doc.name)).toList();
    this.minArguments = minArguments;
    this.maxArguments = maxArguments;
    this.showsParameters = doc.showsParameters;
    this.operation = doc.operation;
    this.identifier = new FunctionIdentifier(name, Option.empty());
    this.info =
        new ExpressionInfo(
            VeilFunctions.class.getName(),
            null,
            name,
            doc.usage(),
            doc.arguments(),
            doc.examples(),
            doc.note(),
            doc.group,
            VeilFunctions.SINCE,
            "",
            "java_udf");
    VeilFunction self = this;
    this.builder =
        new AbstractFunction1<>() {
          @Override
          public Expression apply(Seq<Expression> arguments) {
            FunctionCall call = new FunctionCall(self, CollectionConverters.asJava(arguments));
            if (call.count() < minArguments || call.count() > maxArguments) {
              throw call.wrongCount();
            }
            try {
              return build.build(call);
            } catch (IllegalArgumentException e) {
              // From the ops' own checks (a key of the wrong size, an invalid alphabet): their
              // messages name sizes and settings, never key bytes.
              throw call.invalid("arguments", e.getMessage());
            }
          }
        };
  }

  String name() {
    return name;
  }

  /** The op of {@link io.veil.spark.op.Operations} the function applies, as the job's rules do. */
  String operation() {
    return operation;
  }

  /** The accepted forms, e.g. {@code veil_mask(str, keep_first, keep_last[, char])}. */
  List<String> forms() {
    return forms;
  }

  int minArguments() {
    return minArguments;
  }

  int maxArguments() {
    return maxArguments;
  }

  /** Whether plans and column names show the parameters after the value. */
  boolean showsParameters() {
    return showsParameters;
  }

  FunctionIdentifier identifier() {
    return identifier;
  }

  ExpressionInfo info() {
    return info;
  }

  AbstractFunction1<Seq<Expression>, Expression> builder() {
    return builder;
  }

  static Documentation named(String name) {
    return new Documentation(name);
  }

  /** Builds the text of a function's {@link ExpressionInfo} in the layout Spark's own use. */
  static final class Documentation {
    private final String name;
    private final List<String> forms = new ArrayList<>();
    private final List<String> descriptions = new ArrayList<>();
    private final List<String[]> arguments = new ArrayList<>();
    private final List<Example> examples = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String group = "misc_funcs";
    private boolean showsParameters;
    private String operation;

    private Documentation(String name) {
      this.name = name;
    }

    /** One accepted form, written with {@code _FUNC_} for the name, and what it does. */
    Documentation form(String form, String description) {
      forms.add(form);
      descriptions.add(description);
      return this;
    }

    Documentation argument(String argument, String description) {
      arguments.add(new String[] {argument, description});
      return this;
    }

    Documentation example(String query, String result) {
      examples.add(new Example(query, result));
      return this;
    }

    Documentation note(String note) {
      notes.add(note);
      return this;
    }

    Documentation group(String group) {
      this.group = group;
      return this;
    }

    /** The op the function applies: its arguments are read by that op's definition. */
    Documentation operation(String op) {
      this.operation = op;
      return this;
    }

    /** Plans and column names show the key name and other parameters, not just the value. */
    Documentation showingParameters() {
      this.showsParameters = true;
      return this;
    }

    VeilFunction build(int minArguments, int maxArguments, Builder build) {
      return new VeilFunction(this, minArguments, maxArguments, build);
    }

    String usage() {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < forms.size(); i++) {
        b.append(i == 0 ? "" : "\n    ")
            .append(forms.get(i))
            .append(" - ")
            .append(descriptions.get(i));
      }
      return b.toString();
    }

    String arguments() {
      StringBuilder b = new StringBuilder("\n    Arguments:\n");
      for (String[] a : arguments) {
        b.append("      * ").append(a[0]).append(" - ").append(a[1]).append('\n');
      }
      return b.append("  ").toString();
    }

    String examples() {
      StringBuilder b = new StringBuilder("\n    Examples:\n");
      for (Example e : examples) {
        b.append("      > ").append(e.query()).append('\n');
        b.append("       ").append(e.result()).append('\n');
      }
      return b.append("  ").toString();
    }

    String note() {
      return notes.isEmpty() ? "" : "\n    " + String.join("\n      ", notes) + "\n  ";
    }
  }
}
