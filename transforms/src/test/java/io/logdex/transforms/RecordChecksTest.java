package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.index.Query;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phrases and exact-case values checked on snapshot sub-documents and log entries. */
class RecordChecksTest {
  @TempDir Path tmp;

  @Test
  void snapshotDocumentsAndEntriesAreChecked() throws Exception {
    Path in = tmp.resolve("in");
    Builds.copySample("cluster-state.json", in);
    Builds.copySample("commits.jsonl", in);
    Path out = tmp.resolve("out");
    Builds.run(BuildConfig.of(List.of(in + "/commits.jsonl"), out.toString())
        .withSnapshots(List.of(in + "/cluster-state.json@0"))
        .withMaxSubDocumentBytes(2048), Builds.direct(2));
    try (BuildOutput o = BuildOutput.open(out)) {
      RecordChecks checks = new RecordChecks(o);
      // The cluster sub-document: "name": "prod-eu-1", "region": "eu-west-1".
      assertEquals(1, o.index().count(Query.parse("name:PROD-EU-1"), checks));
      assertEquals(1, o.index().count(Query.parse("name:=prod-eu-1"), checks));
      assertEquals(0, o.index().count(Query.parse("name:=Prod-eu-1"), checks));
      assertEquals(1, o.index().count(Query.parse("name:=prod-eu-1 commit:=0"), checks), "a snapshot's commit");
      assertEquals(1, o.index().count(Query.parse("\"prod eu 1\" name:prod*"), checks));
      assertEquals(0, o.index().count(Query.parse("\"eu prod\" name:prod*"), checks));
      // Entries: {"data": {"LOG_LEVEL": "trace"}} at commit 1 is deep, so only its words.
      long trace = o.index().count(Query.parse("trace"), checks);
      assertTrue(trace > 0);
      // "canary:eu-west-1b" in a configMap value: in order within the value, not reversed.
      assertTrue(o.index().count(Query.parse("\"canary eu west\""), checks) > 0);
      assertEquals(0, o.index().count(Query.parse("\"west eu canary\""), checks));
      assertEquals(o.index().count(Query.parse("commit:1"), checks), o.index().count(Query.parse("commit:=1"), checks));
    }
  }
}
