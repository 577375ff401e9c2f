package io.logdex.format.token;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Tony sample files of signadot/tony-format ({@code go-tony/system/logd/testdata/}, commit
 * 4508daf, Apache-2.0), read from the test classpath ({@code src/test/resources/tony-samples}, see
 * its README) so that the conformance tests run wherever the build runs. Test data only.
 */
public final class TonySamples {
  private TonySamples() {}

  /** Wire-form request streams, by file name: every document in them must tokenize and parse. */
  public static final Map<String, String> WIRE = load("wire",
      List.of("auto-id.tony", "config.tony", "orders.tony", "requests.tony", "user-crud.tony"));

  /** Block-form files, by file name: must be refused with an error naming the block form. */
  public static final Map<String, String> BLOCK = load("block",
      List.of("auto-id-config.tony", "auto-id-schema.tony"));

  // Named rather than listed from the directory: a classpath directory cannot be listed portably,
  // and a missing file should fail loudly instead of shrinking the test.
  private static Map<String, String> load(String kind, List<String> names) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : names) {
      String resource = "/tony-samples/" + kind + "/" + name;
      try (InputStream in = TonySamples.class.getResourceAsStream(resource)) {
        if (in == null) throw new IllegalStateException(resource + " is not on the test classpath");
        files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(resource, e);
      }
    }
    return Collections.unmodifiableMap(files);
  }
}
