package io.veil.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The HOCON reading behind the repeated-key check, on the syntax a job file can hold. */
class RepeatedKeyFinderTest {

  private static List<String> found(String text) {
    Problems problems = new Problems("job.conf");
    RepeatedKeyFinder.check(KeyOutline.read(text), problems);
    try {
      problems.throwIfAny();
      return List.of();
    } catch (InvalidConfigException e) {
      return e.problems().stream().map(ConfigProblem::toString).collect(Collectors.toList());
    }
  }

  private static String setTwice(int line, String key, String where, int first) {
    return "job.conf:"
        + line
        + ": Invalid '"
        + key
        + "' in "
        + where
        + ": it is set twice (job.conf:"
        + first
        + " and job.conf:"
        + line
        + "); a repeated key would let the later value win.";
  }

  @Test
  void pathExpressionsAndBlocksReachTheSameKey() {
    assertEquals(List.of(setTwice(2, "b", "a", 1)), found("a.b = 1\na { b = 2 }\n"));
    assertEquals(List.of(setTwice(2, "b", "a", 1)), found("a { b = 1 }\n\"a\".\"b\" = 2\n"));
    assertEquals(List.of(setTwice(2, "b", "a", 1)), found("a.b = 1\na.b : 2\n"));
    assertEquals(List.of(), found("\"a.b\" = 1\na.b = 2\n"), "a quoted dot is part of one key");
    assertEquals(
        List.of(setTwice(2, "5", "1", 1)),
        found("1.5 = x\n1 { 5 = y }\n"),
        "a number splits like text");
  }

  @Test
  void escapesSpacesAndRootBracesAreReadAsHoconDoes() {
    assertEquals(
        List.of(setTwice(2, "email", "the config file", 1)),
        found("\"\\u0065mail\" = 1\nemail = 2\n"));
    assertEquals(
        List.of(setTwice(2, "a b", "the config file", 1)), found("a b = 1\n\"a b\" = 2\n"));
    assertEquals(
        List.of(setTwice(1, "a", "the config file", 1)), found("\uFEFF{ a = 1, a : 2 }\n"));
    assertEquals(List.of(setTwice(3, "a", "the config file", 1)), found("a =\n  1\r\na = 2\r\n"));
  }

  @Test
  void commentsAndStringsHoldNoKeys() {
    assertEquals(
        List.of(),
        found(
            "a = 1 // a = 2\n"
                + "# a = 3\n"
                + "b = \"a = 4 # not a comment\"\n"
                + "c = \"\"\"x\n"
                + "a = 5 \" }\n"
                + "\"\"\"\n"
                + "d = \"\"\"\"quoted\"\"\"\"\n"
                + "e = x//y\n"));
    // lines after a triple-quoted string spanning lines are counted on
    assertEquals(
        List.of(setTwice(5, "a", "the config file", 4)),
        found("c = \"\"\"one\ntwo\nthree\"\"\"\na = 1\na = 2\n"));
  }

  @Test
  void appendsSelfReferencesAndObjectMergesReplaceNothing() {
    assertEquals(
        List.of(),
        found(
            "a = [1]\n"
                + "a += 2\n"
                + "a = ${a} [3]\n"
                + "b { x = 1 }\n"
                + "b = ${?b} { y = 2 }\n"
                + "c { x = 1 }\n"
                + "c { y = 2 }\n"
                + "n = 1e+23\n"
                + "d = 10s\n"));
    assertEquals(List.of(setTwice(2, "a", "the config file", 1)), found("a = [1]\na = ${b}\n"));
    assertEquals(List.of(setTwice(2, "a", "the config file", 1)), found("a { x = 1 }\na = null\n"));
    assertEquals(List.of(setTwice(2, "a", "the config file", 1)), found("a = 1\na { x = 1 }\n"));
  }

  @Test
  void objectsInArraysAreCheckedOnTheirOwn() {
    assertEquals(List.of(), found("l = [{ a = 1 }, { a = 2 }]\n"));
    assertEquals(
        List.of(setTwice(3, "a", "item #2 of l", 3)),
        found("l = [\n  { a = 1 }\n  { a = 2, a = 3 }\n]\n"));
    assertEquals(List.of(setTwice(1, "a", "item #1 of l", 1)), found("l = [[{ a = 1, a = 2 }]]\n"));
  }

  @Test
  void tablesAndColumnsAreNamedAsTheLoaderNamesThem() {
    String text =
        "veil.tables = [\n" // 1
            + "  { name = \"customers\", columns { a = keep } }\n" // 2
            + "  { columns {\n" // 3
            + "      address { city = keep }\n" // 4
            + "      address { city { op = mask } }\n" // 5
            + "  } }\n" // 6
            + "]\n" // 7
            + "veil.tables += { name = orders, output { mode = a }, output.mode = b }\n"; // 8
    assertEquals(
        List.of(
            "job.conf:5: Invalid column address.city of table #2: it is ruled twice (job.conf:4 and job.conf:5);"
                + " a repeated key would let the later rule win.",
            setTwice(8, "mode", "output of table orders", 8)),
        found(text));
  }

  @Test
  void includesAreFoundWhateverTheirForm() {
    List<String> p =
        found(
            "include \"a.conf\"\ninclude required(file(\"b.conf\"))\nx { include classpath(\"c\") }\n"
                + "\"include\" = 1\n");
    assertEquals(
        List.of(1, 2, 3),
        p.stream()
            .map(s -> Integer.parseInt(s.replaceAll("^job.conf:(\\d+):.*", "$1")))
            .collect(Collectors.toList()),
        p::toString);
    assertTrue(
        p.stream()
            .allMatch(s -> s.contains("Invalid include: a job file cannot include other files")),
        p::toString);
  }

  @Test
  void messagesNeverHoldValues() {
    List<String> p =
        found("veil.keys.pii = \"c2VjcmV0LWtleS1ieXRlcw==\"\nveil.keys.pii = \"env:c2VjcmV0\"\n");
    assertEquals(1, p.size(), p::toString);
    assertTrue(p.stream().noneMatch(s -> s.contains("c2VjcmV0")), p::toString);
  }

  static Stream<Path> realConfigs() throws IOException {
    Path project = SharedSpark.projectDir();
    List<Path> files = new ArrayList<>();
    for (Path dir :
        List.of(
            project.resolve("conf"), project.resolve("spark-jobs/src/test/resources/bad-inputs"))) {
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(f -> f.toString().endsWith(".conf")).sorted().forEach(files::add);
      }
    }
    return files.stream();
  }

  /**
   * The outline must see the keys Typesafe Config sees: with the later setting winning, as HOCON
   * lets it, its key tree is the parsed config's. Checked on every config in the repository.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("realConfigs")
  void theOutlineSeesTheKeysTypesafeConfigSees(Path file) throws IOException {
    String text = Files.readString(file);
    ConfigObject parsed;
    try {
      parsed =
          ConfigFactory.parseString(
                  text, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF))
              .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true))
              .root(); // += substitutes
    } catch (com.typesafe.config.ConfigException e) {
      return; // the malformed-HOCON case: never given to the outline
    }
    assertEquals(paths(parsed, ""), paths(KeyOutline.read(text).root(), ""), file::toString);
  }

  static Stream<String> trickyTexts() {
    return Stream.of(
        "a.b = 1\na { b = 2, c { d = 3 } }\n\"a.b\".c = 4\n",
        "\"\\u0065mail\" = 1\na b = 2\n\"a\" b.c = 3\na .b = 4\n",
        "\uFEFF{ a = 1, a : 2, \"x\".\"y\" { z = [1, 2,] } }\n",
        "c = \"\"\"x\n a = 5 \" }\n\"\"\"\nd = \"\"\"\"q\"\"\"\"\ne = x//y\n# f = 1\ng = \"h = 1\"\n",
        "a = 1\na { x = 1 }\nb { x = 1 }\nb = [1]\nb { y = 2 }\n1.5 = x\n10s = y\nn = -1e+23\n",
        "l = [\n  { a = 1 }\n  [{ b = 2 }]\n]\nk\n{ v = 1 }\nm =\n  { w = 2 } { x = 3 }\n",
        "t = [{ a = 1 }]\nt += { b = 2 }\nt += [{ c = 3 }]\nu = [{ a = 1 }]\nu = [{ b = 1 }]\n");
  }

  @ParameterizedTest
  @MethodSource("trickyTexts")
  void theOutlineSeesTheKeysTypesafeConfigSeesInTrickyText(String text) {
    // resolved, for += is a substitution of the key's own value
    assertEquals(
        paths(ConfigFactory.parseString(text).resolve().root(), ""),
        paths(KeyOutline.read(text).root(), ""));
  }

  @Test
  void theOutlineSeesTheKeysOfReferenceConf() throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("reference.conf")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(
          paths(ConfigFactory.parseString(text).root(), ""),
          paths(KeyOutline.read(text).root(), ""));
    }
  }

  /** Every key's path; objects in arrays (nested ones flattened) are {@code path[i]}. */
  private static TreeSet<String> paths(ConfigObject object, String prefix) {
    TreeSet<String> out = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      String path = prefix + ConfigUtil.quoteString(e.getKey());
      out.add(path);
      if (e.getValue() instanceof ConfigObject) {
        out.addAll(paths((ConfigObject) e.getValue(), path + "."));
      }
      List<ConfigObject> items = new ArrayList<>();
      arrayObjects(e.getValue(), items);
      for (int i = 0; i < items.size(); i++) {
        out.addAll(paths(items.get(i), path + "[" + i + "]."));
      }
    }
    return out;
  }

  private static void arrayObjects(ConfigValue value, List<ConfigObject> out) {
    if (value instanceof ConfigList) {
      for (ConfigValue item : (ConfigList) value) {
        if (item instanceof ConfigObject) {
          out.add((ConfigObject) item);
        } else {
          arrayObjects(item, out);
        }
      }
    }
  }

  private static TreeSet<String> paths(KeyOutline.Obj object, String prefix) {
    TreeSet<String> out = new TreeSet<>();
    for (Map.Entry<String, KeyOutline.Key> e : object.keys().entrySet()) {
      String path = prefix + ConfigUtil.quoteString(e.getKey());
      out.add(path);
      KeyOutline.Key key = e.getValue();
      if (key.object() != null) {
        out.addAll(paths(key.object(), path + "."));
      }
      // the objects of the array the last value set, and of what += added to it
      List<KeyOutline.Obj> items = new ArrayList<>();
      for (KeyOutline.Setting setting : key.settings()) {
        if (setting.kind() == KeyOutline.Kind.VALUE) {
          items.clear();
        }
        items.addAll(setting.objects());
      }
      for (int i = 0; i < items.size(); i++) {
        out.addAll(paths(items.get(i), path + "[" + i + "]."));
      }
    }
    return out;
  }
}
