package io.veil.job.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19, finding 8: a lock file Veil did not write was reported as "run null, host null". */
class OutputLockTest {
  @TempDir Path dir;

  @Test
  void aLockFileThatIsNotVeilsIsNamedAsSuchAndLeftAlone() throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    Path lock = Files.createDirectories(dir.resolve(".veil-staging")).resolve("customers.lock");
    Files.writeString(lock, "held by a deploy script\n");
    ConcurrentRunException e =
        assertThrows(
            ConcurrentRunException.class,
            () ->
                OutputLock.acquire(
                    fs,
                    new org.apache.hadoop.fs.Path(dir.resolve("customers").toString()),
                    "customers",
                    "r1"));
    assertTrue(
        e.getMessage().contains(lock + " exists but is not a Veil lock file"), e.getMessage());
    assertEquals("held by a deploy script\n", Files.readString(lock));
  }
}
