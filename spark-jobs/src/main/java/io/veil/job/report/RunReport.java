package io.veil.job.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report of one run: its id, config, and each table's report. */
public final class RunReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final List<TableReport> tables = new ArrayList<>();

  public RunReport(String runId, String configFile, String configDigest, String sparkVersion) {
    fields.put("run_id", runId);
    fields.put("veil_version", RunReport.class.getPackage().getImplementationVersion());
    fields.put("spark_version", sparkVersion);
    fields.put("config_file", configFile);
    fields.put("config_digest", configDigest);
    fields.put("started", Instant.now().toString());
  }

  public void add(TableReport table) {
    tables.add(table);
  }

  public List<TableReport> tables() {
    return tables;
  }

  public void finish(String status) {
    fields.put("finished", Instant.now().toString());
    fields.put("status", status);
  }

  public String toJson() {
    Map<String, Object> all = new LinkedHashMap<>(fields);
    List<Map<String, Object>> t = new ArrayList<>();
    for (TableReport r : tables) {
      t.add(r.toMap());
    }
    all.put("tables", t);
    return write(all);
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write report", e);
    }
  }

  public static String tableJson(TableReport table) {
    return write(table.toMap());
  }
}
