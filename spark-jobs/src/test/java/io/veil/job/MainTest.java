package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
  private static final Map<String, String> YARN_CLUSTER =
      Map.of(
          "spark.master",
          "yarn",
          "spark.submit.deployMode",
          "cluster",
          "spark.yarn.app.id",
          "application_1_0001");

  @Test
  void recognisesTheYarnApplicationMaster() {
    assertFalse(Main.inYarnClusterMode());
    YARN_CLUSTER.forEach(System::setProperty);
    try {
      assertTrue(Main.inYarnClusterMode());
      System.setProperty("spark.submit.deployMode", "client");
      assertFalse(Main.inYarnClusterMode());
    } finally {
      YARN_CLUSTER.keySet().forEach(System::clearProperty);
    }
  }
}
