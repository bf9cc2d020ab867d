package io.veil.ops;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Replaces every match of a Java regular expression, as {@link Matcher#replaceAll(String)}.
 *
 * <p>The work per value is bounded: a pattern that backtracks catastrophically ({@code (.*a){12}$},
 * or a backreference inside a repetition) takes time exponential in the value's length, so one
 * crafted cell could hang a task. Matching may read a value's characters at most {@link
 * #READS_PER_CHARACTER} times each, plus {@link #MIN_READS}; past that, {@link TooCostlyException}
 * fails the value, which the job sends to {@code on-invalid}. Linear patterns read a character a
 * few times; a quadratic one ({@code .*@.*} on text without an {@code @}) stays within the budget
 * up to about 4,000 characters.
 */
public final class RegexReplacement implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Reads every value may take, whatever its length: about 20 ms of matching. */
  public static final long MIN_READS = 10_000_000L;

  /** Reads a value may take per character, above {@link #MIN_READS}. */
  public static final long READS_PER_CHARACTER = 1_000L;

  /** Matching a value read its characters more often than the budget allows. */
  public static final class TooCostlyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    // The budget is not named: it would tell the value's length.
    TooCostlyException() {
      super(
          "Cannot replace: matching the pattern read the value's characters more than "
              + MIN_READS
              + " times plus "
              + READS_PER_CHARACTER
              + " times each; the pattern backtracks too much on it",
          null,
          false,
          false);
    }
  }

  private final String pattern;
  private final String replacement;

  /** The replacement has no $ or \\: it is written as it is. */
  private final boolean literal;

  private transient Pattern compiled;

  /**
   * @throws IllegalArgumentException naming what is wrong with the pattern or replacement (never a
   *     cell value: only config text is involved)
   */
  public RegexReplacement(String pattern, String replacement) {
    this.pattern = pattern;
    this.replacement = replacement;
    this.literal = replacement.indexOf('$') < 0 && replacement.indexOf('\\') < 0;
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
              "Invalid regex replacement: it refers to group "
                  + n
                  + " but the pattern has "
                  + groups);
        }
      }
    }
  }

  /**
   * @throws TooCostlyException when matching reads the value's characters more often than the
   *     budget for its length allows
   */
  public String replace(String input) {
    if (input == null) {
      return null;
    }
    Pattern p = compiled;
    if (p == null) {
      p = Pattern.compile(pattern);
      compiled = p;
    }
    long reads = MIN_READS + READS_PER_CHARACTER * input.length();
    try {
      Matcher m = p.matcher(new BoundedText(input, reads));
      return literal ? replaceLiterally(m, input) : m.replaceAll(replacement);
    } catch (BoundedText.ReadsExhaustedException e) {
      throw new TooCostlyException();
    }
  }

  /**
   * {@link Matcher#replaceAll} for a replacement without group references or escapes, copying the
   * text between matches from the string in bulk: replaceAll would copy it a character at a time
   * through the bounded text.
   */
  private String replaceLiterally(Matcher m, String input) {
    if (!m.find()) {
      return input;
    }
    StringBuilder out = new StringBuilder(input.length() + replacement.length());
    int last = 0;
    do {
      out.append(input, last, m.start()).append(replacement);
      last = m.end();
    } while (m.find());
    return out.append(input, last, input.length()).toString();
  }
}
