package io.veil.job.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits HOCON text into the tokens that decide where keys are: punctuation, strings (unquoted,
 * quoted, triple-quoted), substitutions, spaces and newlines, each with its line. Comments are
 * dropped. It follows Typesafe Config 1.4.3's tokenizer on text that library has already parsed; it
 * is no validator, so it reads malformed text leniently rather than reporting it.
 */
final class HoconTokenizer {
  enum Type {
    OPEN_BRACE,
    CLOSE_BRACE,
    OPEN_BRACKET,
    CLOSE_BRACKET,
    COMMA,
    NEWLINE,
    /** {@code =} or {@code :} */
    SEPARATOR,
    PLUS_EQUALS,
    /** Unquoted text or a number, as written. */
    UNQUOTED,
    /** A quoted or triple-quoted string, its escapes decoded. */
    QUOTED,
    /** {@code ${path}} or {@code ${?path}}; its path's tokens are in {@code parts}. */
    SUBSTITUTION,
    /** Spaces between tokens on one line: part of a key that has them ({@code a b = 1}). */
    SPACE,
    END
  }

  record Token(Type type, String text, int line, List<Token> parts) {
    boolean is(Type t) {
      return type == t;
    }

    @Override
    public String toString() {
      return type + " at line " + line; // never the text: it could be a pasted key
    }
  }

  /** Characters that end unquoted text (besides whitespace and a comment's start). */
  private static final String NOT_IN_UNQUOTED = "$\"{}[]:=,+#`^?!@*&\\";

  /** A number's characters: {@code 1e+23} is one token, though '+' ends unquoted text. */
  private static final String NUMBER_START = "0123456789-";

  private static final String NUMBER = "0123456789eE+-.";

  private final String text;
  private int pos;
  private int line = 1;

  private HoconTokenizer(String text) {
    this.text = text;
  }

  static List<Token> tokenize(String text) {
    HoconTokenizer t = new HoconTokenizer(text);
    List<Token> tokens = t.tokens(false);
    tokens.add(new Token(Type.END, "", t.line, List.of()));
    return tokens;
  }

  /** Tokens up to the end, or up to the '}' closing a substitution when {@code inSubstitution}. */
  private List<Token> tokens(boolean inSubstitution) {
    List<Token> tokens = new ArrayList<>();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      int start = line;
      if (c == '\n') {
        pos++;
        line++;
        tokens.add(new Token(Type.NEWLINE, "\n", start, List.of()));
      } else if (isWhitespace(c)) {
        int from = pos;
        while (pos < text.length() && text.charAt(pos) != '\n' && isWhitespace(text.charAt(pos))) {
          pos++;
        }
        tokens.add(new Token(Type.SPACE, text.substring(from, pos), start, List.of()));
      } else if (c == '#' || text.startsWith("//", pos)) {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '"') {
        tokens.add(
            new Token(
                Type.QUOTED,
                text.startsWith("\"\"\"", pos) ? tripleQuoted() : quoted(),
                start,
                List.of()));
      } else if (text.startsWith("${", pos)) {
        pos += text.startsWith("${?", pos) ? 3 : 2;
        tokens.add(new Token(Type.SUBSTITUTION, "", start, tokens(true)));
      } else if (c == '}' && inSubstitution) {
        pos++;
        return tokens;
      } else if (text.startsWith("+=", pos)) {
        pos += 2;
        tokens.add(new Token(Type.PLUS_EQUALS, "+=", start, List.of()));
      } else if ("{}[],=:".indexOf(c) >= 0) {
        pos++;
        tokens.add(new Token(punctuation(c), String.valueOf(c), start, List.of()));
      } else {
        tokens.add(new Token(Type.UNQUOTED, unquoted(), start, List.of()));
      }
    }
    return tokens;
  }

  private static Type punctuation(char c) {
    switch (c) {
      case '{':
        return Type.OPEN_BRACE;
      case '}':
        return Type.CLOSE_BRACE;
      case '[':
        return Type.OPEN_BRACKET;
      case ']':
        return Type.CLOSE_BRACKET;
      case ',':
        return Type.COMMA;
      default:
        return Type.SEPARATOR;
    }
  }

  private String unquoted() {
    int from = pos;
    boolean number = NUMBER_START.indexOf(text.charAt(pos)) >= 0;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      number = number && NUMBER.indexOf(c) >= 0;
      if (!number
          && (NOT_IN_UNQUOTED.indexOf(c) >= 0 || isWhitespace(c) || text.startsWith("//", pos))) {
        break;
      }
      pos++;
    }
    if (pos == from) {
      pos++; // a character HOCON refuses outside quotes; the file parsed, so this is not reached
    }
    return text.substring(from, pos);
  }

  /** A JSON string; the opening quote is at {@code pos}. */
  private String quoted() {
    StringBuilder sb = new StringBuilder();
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        break;
      }
      if (c != '\\' || pos >= text.length()) {
        sb.append(c);
        continue;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'u':
          String hex = text.substring(pos, Math.min(pos + 4, text.length()));
          if (hex.matches("[0-9a-fA-F]{4}")) {
            sb.append((char) Integer.parseInt(hex, 16));
            pos += 4;
          }
          break;
        default:
          sb.append(e); // \" \\ \/
      }
    }
    return sb.toString();
  }

  /**
   * A string between triple quotes, taken as written, newlines included. As in Typesafe Config, it
   * ends at the last three quotes of the first run of three or more: {@code """a""""} is {@code
   * a"}.
   */
  private String tripleQuoted() {
    pos += 3;
    int from = pos;
    while (pos < text.length()) {
      if (text.startsWith("\"\"\"", pos)) {
        int run = pos;
        while (run < text.length() && text.charAt(run) == '"') {
          run++;
        }
        String s = text.substring(from, run - 3);
        pos = run;
        return s;
      }
      if (text.charAt(pos) == '\n') {
        line++;
      }
      pos++;
    }
    return text.substring(from);
  }

  /** HOCON's whitespace: Java's, plus the no-break spaces and the byte-order mark. */
  static boolean isWhitespace(char c) {
    return c == '\u00A0'
        || c == '\u2007'
        || c == '\u202F'
        || c == '\uFEFF'
        || Character.isWhitespace(c);
  }
}
