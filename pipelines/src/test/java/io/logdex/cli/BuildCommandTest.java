package io.logdex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuildCommandTest {
  @Test
  void directRunnerByDefaultWithoutItsPerElementChecks() {
    assertEquals(List.of("--output=o", "--runner=DirectRunner", "--enforceImmutability=false", "--enforceEncodability=false"),
        BuildCommand.withDefaults(List.of("--output=o")));
    assertEquals(List.of("--runner=DirectRunner", "--enforceImmutability=true", "--enforceEncodability=false"),
        BuildCommand.withDefaults(List.of("--runner=DirectRunner", "--enforceImmutability=true")));
    assertEquals(List.of("--runner=FlinkRunner", "--flinkMaster=[local]"),
        BuildCommand.withDefaults(List.of("--runner=FlinkRunner", "--flinkMaster=[local]")));
  }
}
