package io.logdex.pipelines;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A failure and its causes, outermost first, as runners hand them back: Beam wraps what a DoFn
 * threw (PipelineExecutionException, UserCodeException), and Flink ships a remote failure as a
 * SerializedThrowable whose class is Flink's, so the original is restored where its class is on
 * this classpath. Both the build's failure reason and the command line's error report read it.
 */
public final class CauseChain {
  /** Causes followed at most; chains are short, but a cyclic or absurd one must not hang. */
  private static final int MAX_CHAIN = 64;

  private CauseChain() {}

  public static List<Throwable> of(Throwable thrown) {
    List<Throwable> out = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = thrown; t != null && out.size() < MAX_CHAIN && seen.add(t); t = t.getCause()) {
      t = deserialized(t);
      out.add(t);
    }
    return out;
  }

  /** Found by class name, so that commands run without Flink's jars. */
  private static Throwable deserialized(Throwable t) {
    if (!t.getClass().getName().equals("org.apache.flink.util.SerializedThrowable")) return t;
    try {
      Object original = t.getClass().getMethod("deserializeError", ClassLoader.class)
          .invoke(t, CauseChain.class.getClassLoader());
      return original instanceof Throwable o && o != t ? o : t;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return t;
    }
  }
}
