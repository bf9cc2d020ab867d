package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, finding 7: with bin/veil's logging, a missing input path printed a 70-line stack trace
 * (Spark looking for a streaming sink's metadata) before Veil's one-line message.
 */
class MissingInputMessageTest {
  @TempDir Path dir;

  @Test
  void aMissingInputPathPrintsOneLineNotAStackTrace() throws Exception {
    Path conf = dir.resolve("missing.conf");
    Files.writeString(
        conf,
        "veil { tables = [{ name = people, input { path = \""
            + dir.resolve("nope")
            + "\" }, output { path = \""
            + dir.resolve("out")
            + "\" }, unlisted-columns = keep, columns { name = drop } }] }\n");
    VeilProcess p = VeilProcess.start("run", conf.toString());
    assertEquals(3, p.waitFor(300), () -> String.join("\n", p.stderr));
    List<String> lines = List.copyOf(p.stderr);
    assertTrue(
        lines.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("FileNotFoundException")),
        () -> String.join("\n", lines));
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.contains(
                        "Spark reported PATH_NOT_FOUND on file:"
                            + dir.resolve("nope")
                            + ": no such path")),
        () -> String.join("\n", lines));
  }
}
