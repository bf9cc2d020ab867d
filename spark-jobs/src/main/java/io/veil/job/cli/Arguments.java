package io.veil.job.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A command's arguments: positional values and {@code --name value} / {@code --flag} options. */
public final class Arguments {
  private final List<String> positional = new ArrayList<>();
  private final Map<String, String> options = new HashMap<>();

  /**
   * @param valued options that take a value
   * @param flags options that take none
   */
  public static Arguments parse(
      String command, List<String> args, Set<String> valued, Set<String> flags) {
    Arguments a = new Arguments();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("--")) {
        String name = arg;
        String value = null;
        int eq = arg.indexOf('=');
        if (eq > 0) {
          name = arg.substring(0, eq);
          value = arg.substring(eq + 1);
        }
        if (flags.contains(name) && value == null) {
          a.options.put(name, "true");
        } else if (valued.contains(name)) {
          if (value == null) {
            if (i + 1 >= args.size()) {
              throw new UsageException("Option " + name + " of veil " + command + " needs a value");
            }
            value = args.get(++i);
          }
          a.options.put(name, value);
        } else {
          List<String> known = new ArrayList<>(valued);
          known.addAll(flags);
          throw new UsageException(
              "Unknown option "
                  + name
                  + " for veil "
                  + command
                  + (known.isEmpty()
                      ? ""
                      : ". Accepted options are "
                          + String.join(", ", known.stream().sorted().toList()))
                  + ".");
        }
      } else {
        a.positional.add(arg);
      }
    }
    return a;
  }

  public List<String> positional() {
    return positional;
  }

  public String option(String name) {
    return options.get(name);
  }

  public boolean flag(String name) {
    return options.containsKey(name);
  }

  public long longOption(String name, long fallback) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException("Invalid " + name + ": expected a whole number");
    }
  }

  /** The single positional argument, or a usage error naming it. */
  public String single(String command, String what) {
    if (positional.size() != 1) {
      throw new UsageException(
          "veil "
              + command
              + " takes one "
              + what
              + (positional.isEmpty() ? "" : ", got " + positional.size() + " arguments"));
    }
    return positional.get(0);
  }
}
