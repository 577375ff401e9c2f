package io.logdex.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdex.format.log.Damage;
import io.logdex.format.log.VerifyReport;
import java.io.PrintStream;

/**
 * {@code logdex verify --json}: one object per line, {@code "check"} saying what it is about:
 * {@code log} per log file (its records and damages), {@code index} per index, and last {@code
 * summary} with {@code ok}, the counts and the exit code. The summary is printed even when an
 * error stops the check (with {@code error}, the line Main also prints on stderr), so a reader
 * always gets a last line to decide on.
 */
final class VerifyJson implements VerifyFindings {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;
  private long logs;
  private long damagedLogs;
  private long damages;
  private long records;
  private long indexes;

  VerifyJson(PrintStream out) {
    this.out = out;
  }

  @Override
  public void log(String name, VerifyReport r) {
    logs++;
    records += r.records();
    damages += r.damageCount();
    if (!r.clean()) damagedLogs++;
    ObjectNode o = line("log", name, r.clean());
    o.put("records", r.records()).put("payloadBytes", r.payloadBytes());
    ArrayNode list = o.putArray("damages");
    for (Damage d : r.damages()) {
      list.addObject().put("offset", d.offset()).put("reason", Main.oneLine(d.reason())).put("truncated", d.truncation());
    }
    o.put("damageCount", r.damageCount());
    print(o);
  }

  @Override
  public void logMismatch(String name, String reason) {
    logs++;
    damagedLogs++;
    damages++;
    print(line("log", name, false).put("error", reason));
  }

  @Override
  public void index(String name, long docs, long terms) {
    indexes++;
    print(line("index", name, true).put("docs", docs).put("terms", terms));
  }

  @Override
  public void end(boolean ok, int exitCode, String index, String error) {
    if (index != null) print(line("index", index, false).put("error", error));
    ObjectNode o = JSON.createObjectNode().put("check", "summary").put("ok", ok)
        .put("logs", logs).put("damagedLogs", damagedLogs).put("damages", damages).put("records", records)
        .put("indexes", indexes).put("exit", exitCode);
    if (error != null) o.put("error", error);
    print(o);
  }

  private static ObjectNode line(String check, String file, boolean ok) {
    return JSON.createObjectNode().put("check", check).put("file", file).put("ok", ok);
  }

  private void print(ObjectNode o) {
    out.println(o.toString());
  }
}
