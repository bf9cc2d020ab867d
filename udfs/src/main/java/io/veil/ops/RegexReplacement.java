package io.veil.ops;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Replaces every match of a Java regular expression, as {@link Matcher#replaceAll(String)}. */
public final class RegexReplacement implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String pattern;
  private final String replacement;
  private transient Pattern compiled;

  /**
   * @throws IllegalArgumentException naming what is wrong with the pattern or replacement (never a
   *     cell value: only config text is involved)
   */
  public RegexReplacement(String pattern, String replacement) {
    this.pattern = pattern;
    this.replacement = replacement;
    try {
      this.compiled = Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("Invalid regex pattern: " + e.getDescription(), e);
    }
    // Fails now, not on the first matching row, when the replacement names a missing group.
    checkGroupReferences(compiled, replacement);
  }

  private static void checkGroupReferences(Pattern p, String replacement) {
    int groups = p.matcher("").groupCount();
    for (int i = 0; i < replacement.length(); i++) {
      char c = replacement.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '$' && i + 1 < replacement.length()) {
        char n = replacement.charAt(i + 1);
        if (Character.isDigit(n) && n - '0' > groups) {
          throw new IllegalArgumentException(
              "Invalid regex replacement: it refers to group " + n + " but the pattern has " + groups);
        }
      }
    }
  }

  public String replace(String input) {
    if (input == null) {
      return null;
    }
    if (compiled == null) {
      compiled = Pattern.compile(pattern);
    }
    return compiled.matcher(input).replaceAll(replacement);
  }
}
