package io.veil.job.config;

import com.typesafe.config.ConfigOrigin;
import java.util.ArrayList;
import java.util.List;

/** Collects config problems so that one run of {@code veil check} reports all of them. */
final class Problems {
  private final List<ConfigProblem> list = new ArrayList<>();
  private final String fileName;

  Problems(String fileName) {
    this.fileName = fileName;
  }

  void add(ConfigOrigin origin, String message) {
    list.add(new ConfigProblem(where(origin), message));
  }

  /** A problem at a line of the job file itself. */
  void add(int line, String message) {
    list.add(new ConfigProblem(where(line), message));
  }

  /** {@code file:line} of a line of the job file itself. */
  String where(int line) {
    return fileName + ":" + line;
  }

  String where(ConfigOrigin origin) {
    if (origin == null || origin.lineNumber() < 0) {
      return fileName;
    }
    String file = origin.filename() != null ? fileName : origin.description();
    if (origin.resource() != null) {
      file = origin.resource(); // a default from reference.conf
    }
    return file + ":" + origin.lineNumber();
  }

  int count() {
    return list.size();
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  void throwIfAny() {
    if (!list.isEmpty()) {
      throw new InvalidConfigException(list);
    }
  }
}
