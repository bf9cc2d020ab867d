package io.veil.ops;

/**
 * A string that a regular expression may read only so many characters of. Java's regex engine reads
 * its input through {@link #charAt} alone (Unicode-aware nodes too, through {@code
 * Character.codePointAt(CharSequence, int)}), so counting those calls bounds the work of any match,
 * backtracking included, without a thread or a clock: the same value fails the same way on every
 * run and machine.
 */
final class BoundedText implements CharSequence {
  private final String text;
  private long reads;

  /** {@code text}, which may be read {@code reads} times before {@link #charAt} throws. */
  BoundedText(String text, long reads) {
    this.text = text;
    this.reads = reads;
  }

  /** Thrown by {@link #charAt} once the reads are spent. */
  static final class ReadsExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReadsExhaustedException() {
      super(null, null, false, false); // no stack trace: it is caught at once, and may be frequent
    }
  }

  @Override
  public char charAt(int index) {
    if (--reads < 0) {
      throw new ReadsExhaustedException();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  /** Group text for replacements ({@code $1}): copied once, not a matching step, not counted. */
  @Override
  public CharSequence subSequence(int start, int end) {
    return text.substring(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
