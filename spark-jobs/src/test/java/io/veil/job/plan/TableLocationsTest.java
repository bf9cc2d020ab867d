package io.veil.job.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, finding 2: the overlap check compared path text, so an output reached through a symlink
 * replaced the raw input. Locations are compared as places.
 */
class TableLocationsTest {
  @TempDir Path dir;
  final Configuration conf = new Configuration();

  private ResolvedLocation at(String location) throws IOException {
    return ResolvedLocation.of(location, conf);
  }

  @Test
  void anOutputThroughASymlinkedParentIsTheInput() throws IOException {
    Path d = Files.createDirectories(dir.resolve("d/in"));
    Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("d"));
    ResolvedLocation in = at(d.toString());
    ResolvedLocation out = at(dir.resolve("alias/in").toString());
    assertTrue(out.sameAs(in));
    assertTrue(out.isWithin(in));
  }

  @Test
  void dotDotAfterASymlinkGoesWhereTheKernelSays() throws IOException {
    Files.createDirectories(dir.resolve("real/deep"));
    Files.createDirectories(dir.resolve("raw/table"));
    // link/.. is real's parent's... no: link -> real/deep, so link/.. is real, not dir.
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real/deep"));
    Files.createDirectories(dir.resolve("real/table"));
    ResolvedLocation out = at(dir.resolve("link/../table").toString());
    assertTrue(out.sameAs(at(dir.resolve("real/table").toString())), out.path().toString());
    assertFalse(out.sameAs(at(dir.resolve("table").toString())));
  }

  @Test
  void missingOutputsBelowAnInputAreInsideIt() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    assertTrue(at(in.resolve("anonymized/customers").toString()).isWithin(at(in.toString())));
    assertFalse(at(dir.resolve("in-other").toString()).isWithin(at(in.toString())));
    assertTrue(at(dir.resolve("x/../in").toString()).sameAs(at(in.toString())));
  }

  @Test
  void aSchemeAndNoSchemeAreTheSamePlace() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    assertTrue(at("file://" + in).sameAs(at(in.toString())));
    assertEquals(at(in.toString()).path(), at(in + "/").path());
  }

  @Test
  void anOutputThatIsItselfASymlinkIsFlagged() throws IOException {
    Path target = Files.createDirectories(dir.resolve("target"));
    Files.createSymbolicLink(dir.resolve("out"), target);
    assertTrue(at(dir.resolve("out").toString()).isSymlink());
    assertFalse(at(target.toString()).isSymlink());
  }
}
