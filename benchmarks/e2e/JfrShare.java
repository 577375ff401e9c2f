import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording's execution samples with their whole stacks (`jfr print` shows five frames
 * by default, which hides the logdex frames under deep runner stacks) and prints: the share of
 * samples with no frame in PREFIX (default io.logdex.), then the top methods by self samples (top
 * frame) and by total samples (anywhere in the stack, counted once per sample).
 *
 * <p>usage: java benchmarks/e2e/JfrShare.java FILE.jfr [TOP] [PREFIX]
 */
public final class JfrShare {
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    String prefix = args.length > 2 ? args[2] : "io.logdex.";
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    Map<String, Integer> outsideSelf = new HashMap<>();
    long samples = 0;
    long outside = 0;
    long truncated = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) continue;
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      if (frames.isEmpty()) continue;
      samples++;
      Set<String> seen = new HashSet<>();
      boolean ours = false;
      for (RecordedFrame f : frames) {
        String m = name(f.getMethod());
        if (m.startsWith(prefix)) ours = true;
        if (seen.add(m)) total.merge(m, 1, Integer::sum);
      }
      String first = name(frames.get(0).getMethod());
      self.merge(first, 1, Integer::sum);
      if (!ours) {
        outside++;
        // Name an outside sample by its deepest runner-ish frame worth reading: the top frame.
        outsideSelf.merge(first, 1, Integer::sum);
      }
      if (e.getStackTrace().isTruncated()) truncated++;
    }
    System.out.printf("samples %d, with no %s frame %d (%.1f%%), truncated stacks %d%n",
        samples, prefix, outside, 100.0 * outside / Math.max(1, samples), truncated);
    print("top self", self, samples, top);
    print("top total", total, samples, top);
    print("top self among samples with no " + prefix + " frame", outsideSelf, samples, top);
  }

  private static String name(RecordedMethod m) {
    return m.getType().getName() + "." + m.getName();
  }

  private static void print(String title, Map<String, Integer> counts, long samples, int top) {
    System.out.println(title + ":");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(en -> System.out.printf("  %5.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1, samples), en.getKey()));
  }
}
