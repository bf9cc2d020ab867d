package io.veil.job.config;

import io.veil.job.config.HoconTokenizer.Token;
import io.veil.job.config.HoconTokenizer.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of a HOCON file with every place that sets each one, as written: what Typesafe Config
 * merges away before Veil sees the config (a later {@code email = keep} silently replaces an
 * earlier rule for {@code email}). Path expressions count as the objects they stand for, so {@code
 * a.b = 1} and {@code a { b = 2 } } set one key twice, while quoted {@code "a.b"} is a key of its
 * own.
 *
 * <p>Typesafe Config's {@code ConfigDocument} keeps repeated keys too, but offers no walk over them
 * (only {@code hasPath} and {@code render}), and its node classes are package-private; hence this
 * small reader. It reads text that Typesafe Config has already parsed.
 */
final class KeyOutline {

  /** One object of the file, or the merge of several that HOCON would merge into one. */
  static final class Obj {
    private final Map<String, Key> keys = new LinkedHashMap<>();

    Map<String, Key> keys() {
      return keys;
    }

    private Key key(String name) {
      return keys.computeIfAbsent(name, n -> new Key());
    }
  }

  /** One key of an object: the places that set it, in the file's order. */
  static final class Key {
    private final List<Setting> settings = new ArrayList<>();
    private Obj object;

    List<Setting> settings() {
      return settings;
    }

    /** What the key's object settings merge into; null when the last setting was no object. */
    Obj object() {
      return object;
    }

    private Obj objectForMerge() {
      if (object == null) {
        object = new Obj();
      }
      return object;
    }
  }

  enum Kind {
    /** An object, or a path expression through the key: HOCON merges it with an earlier object. */
    OBJECT,
    /** Anything else, an array or a substitution of another path included: it replaces. */
    VALUE,
    /** {@code +=}: adds to an array. */
    APPEND,
    /** A value that substitutes the key's own earlier value ({@code a = ${a} [x]}): extends it. */
    EXTENSION
  }

  /**
   * One place that sets a key. {@code text} is the value when it is plain text (a table's name),
   * else null; {@code objects} are the objects inside a value that is no object itself: those of an
   * array, in order, or of a value that replaces.
   */
  record Setting(int line, Kind kind, String text, List<Obj> objects) {}

  private final Obj root = new Obj();
  private final List<Integer> includes = new ArrayList<>();
  private final List<Token> tokens;
  private int next;

  private KeyOutline(List<Token> tokens) {
    this.tokens = tokens;
  }

  /**
   * @throws IllegalArgumentException when the text is not HOCON this reader follows
   */
  static KeyOutline read(String text) {
    KeyOutline outline = new KeyOutline(HoconTokenizer.tokenize(text));
    outline.skip(Type.SPACE, Type.NEWLINE);
    boolean braced = outline.peek().is(Type.OPEN_BRACE);
    if (braced) {
      outline.next++;
    }
    outline.objectBody(outline.root, List.of(), braced);
    return outline;
  }

  Obj root() {
    return root;
  }

  /** Lines of {@code include} statements. */
  List<Integer> includes() {
    return includes;
  }

  /** Reads fields into {@code obj}; {@code path} is its path from the root, null inside arrays. */
  private void objectBody(Obj obj, List<String> path, boolean braced) {
    while (true) {
      skip(Type.SPACE, Type.NEWLINE, Type.COMMA);
      Token t = peek();
      if (t.is(Type.END)) {
        if (braced) {
          throw unexpected(t);
        }
        return;
      }
      if (t.is(Type.CLOSE_BRACE)) {
        next++;
        return;
      }
      if (t.is(Type.UNQUOTED) && t.text().equals("include")) {
        includes.add(t.line());
        skipToEndOfField();
        continue;
      }
      field(obj, path);
    }
  }

  private void field(Obj obj, List<String> path) {
    int line = peek().line();
    List<String> keyPath = pathExpression(Type.SPACE);
    if (keyPath.isEmpty()) {
      throw unexpected(peek());
    }
    skip(Type.SPACE, Type.NEWLINE);
    Token separator = peek();
    boolean append = separator.is(Type.PLUS_EQUALS);
    if (separator.is(Type.SEPARATOR) || append) {
      next++;
    } else if (!separator.is(Type.OPEN_BRACE)) {
      throw unexpected(separator);
    }
    // a.b.c = v is a { b { c = v } }: each step but the last is an object setting.
    Obj target = obj;
    List<String> targetPath = path == null ? null : new ArrayList<>(path);
    for (int i = 0; i < keyPath.size() - 1; i++) {
      Key step = target.key(keyPath.get(i));
      step.settings.add(new Setting(line, Kind.OBJECT, null, List.of()));
      target = step.objectForMerge();
      if (targetPath != null) {
        targetPath.add(keyPath.get(i));
      }
    }
    String name = keyPath.get(keyPath.size() - 1);
    if (targetPath != null) {
      targetPath.add(name);
    }
    value(target.key(name), line, targetPath, append);
  }

  /**
   * A key or a substitution's path: unquoted text splits at dots, quoted text does not, spaces
   * between words belong to the key. Stops at the first other token.
   */
  private List<String> pathExpression(Type space) {
    List<String> keys = new ArrayList<>();
    StringBuilder current = null;
    String pendingSpace = "";
    while (true) {
      Token t = peek();
      if (t.is(space)) {
        pendingSpace = current == null ? "" : pendingSpace + t.text();
        next++;
        continue;
      }
      if (!t.is(Type.UNQUOTED) && !t.is(Type.QUOTED)) {
        break;
      }
      next++;
      if (current == null) {
        current = new StringBuilder();
      }
      current.append(pendingSpace);
      pendingSpace = "";
      if (t.is(Type.QUOTED)) {
        current.append(t.text());
        continue;
      }
      String s = t.text();
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) == '.') {
          keys.add(current.toString());
          current = new StringBuilder();
        } else {
          current.append(s.charAt(i));
        }
      }
    }
    if (current != null) {
      keys.add(current.toString());
    }
    // trailing spaces before the separator were never appended
    return keys;
  }

  /**
   * A field's value: a concatenation on one line (objects and arrays may span lines). What it does
   * to the key depends on all its parts, so they are classified before they are read.
   */
  private void value(Key key, int line, List<String> path, boolean append) {
    skip(Type.SPACE, Type.NEWLINE); // a value may start on the line after its '='
    Kind kind = append ? Kind.APPEND : classify(path);
    List<Obj> objects = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    boolean plain = true;
    Obj merged = kind == Kind.OBJECT || kind == Kind.EXTENSION ? key.objectForMerge() : null;
    while (true) {
      Token t = peek();
      if (t.is(Type.OPEN_BRACE)) {
        next++;
        plain = false;
        Obj o = merged != null ? merged : new Obj();
        objectBody(o, merged != null ? path : null, true);
        if (merged == null) {
          objects.add(o);
        }
      } else if (t.is(Type.OPEN_BRACKET)) {
        next++;
        plain = false;
        array(objects);
      } else if (t.is(Type.UNQUOTED) || t.is(Type.QUOTED) || t.is(Type.SPACE)) {
        next++;
        text.append(t.text());
      } else if (t.is(Type.SUBSTITUTION)) {
        next++;
        plain = false;
      } else {
        break; // newline, comma, '}', ']' or the end
      }
    }
    key.settings.add(new Setting(line, kind, plain ? text.toString().strip() : null, objects));
    if (kind == Kind.VALUE) {
      key.object = null; // replaced: objects set later merge into a new one
    }
  }

  /** OBJECT, EXTENSION or VALUE for the concatenation at {@code next}, which is left in place. */
  private Kind classify(List<String> path) {
    boolean onlyObjects = true;
    boolean selfReference = false;
    int depth = 0;
    for (int i = next; ; i++) {
      Token t = tokens.get(i);
      if (depth == 0
          && (t.is(Type.NEWLINE)
              || t.is(Type.COMMA)
              || t.is(Type.CLOSE_BRACE)
              || t.is(Type.CLOSE_BRACKET)
              || t.is(Type.END))) {
        break;
      }
      if (t.is(Type.OPEN_BRACE) || t.is(Type.OPEN_BRACKET)) {
        onlyObjects &= depth > 0 || t.is(Type.OPEN_BRACE);
        depth++;
      } else if (t.is(Type.CLOSE_BRACE) || t.is(Type.CLOSE_BRACKET)) {
        depth--;
      } else if (depth == 0 && t.is(Type.SUBSTITUTION)) {
        onlyObjects = false;
        selfReference |= path != null && path.equals(substitutionPath(t));
      } else if (depth == 0 && !t.is(Type.SPACE)) {
        onlyObjects = false;
      }
    }
    return selfReference ? Kind.EXTENSION : onlyObjects ? Kind.OBJECT : Kind.VALUE;
  }

  private static List<String> substitutionPath(Token substitution) {
    List<Token> parts = new ArrayList<>(substitution.parts());
    parts.add(new Token(Type.END, "", substitution.line(), List.of()));
    KeyOutline inner = new KeyOutline(parts);
    inner.skip(Type.SPACE);
    return inner.pathExpression(Type.SPACE);
  }

  /** An array's elements; the objects among them (in nested arrays too) go to {@code objects}. */
  private void array(List<Obj> objects) {
    while (true) {
      skip(Type.SPACE, Type.NEWLINE, Type.COMMA);
      Token t = peek();
      if (t.is(Type.CLOSE_BRACKET)) {
        next++;
        return;
      } else if (t.is(Type.END)) {
        throw unexpected(t);
      } else if (t.is(Type.OPEN_BRACE)) {
        next++;
        Obj o = new Obj();
        objectBody(o, null, true);
        objects.add(o);
      } else if (t.is(Type.OPEN_BRACKET)) {
        next++;
        array(objects);
      } else if (t.is(Type.CLOSE_BRACE)) {
        throw unexpected(t);
      } else {
        next++; // text, a substitution
      }
    }
  }

  private void skipToEndOfField() {
    while (!peek().is(Type.NEWLINE)
        && !peek().is(Type.COMMA)
        && !peek().is(Type.CLOSE_BRACE)
        && !peek().is(Type.END)) {
      next++;
    }
  }

  private void skip(Type... types) {
    while (List.of(types).contains(peek().type())) {
      next++;
    }
  }

  private Token peek() {
    return tokens.get(next);
  }

  private static IllegalArgumentException unexpected(Token t) {
    return new IllegalArgumentException("unexpected " + t);
  }
}
