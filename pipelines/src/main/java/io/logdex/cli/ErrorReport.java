package io.logdex.cli;

import io.logdex.format.Elide;
import io.logdex.format.FormatException;
import io.logdex.pipelines.CauseChain;
import io.logdex.transforms.BuildOptionException;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the command line says about anything a command threw: one line for people and an exit
 * code. The one place that decides it, so that no command prints a stack trace or a class name.
 *
 * <p>The cause chain is searched, because runners wrap what a DoFn threw (Beam's
 * PipelineExecutionException, UserCodeException, Flink's job exceptions and its serialized copies
 * of remote failures) in exceptions whose messages are the cause's class and message. In order:
 * the project's own {@link FormatException} (bad input: exit 3) and {@link UsageException} (exit
 * 2) print their message; file system failures become plain words ("no such file: X"); other
 * I/O failures print the deepest message; an IllegalArgumentException thrown by logdex's own
 * checks prints its message (a value logdex refuses). Anything else is a bug or the JVM giving
 * out (StackOverflowError, OutOfMemoryError): {@code internal error: ...; please report it},
 * exit {@link ExitCode#INTERNAL}.
 *
 * @param exitCode the {@link ExitCode} to exit with
 * @param message one line, elided to {@link #MAX_BYTES}, without the {@code logdex CMD: } prefix
 * @param usage whether it is a usage error (Main points at {@code --help})
 */
record ErrorReport(int exitCode, String message, boolean usage) {
  /** The longest message printed: a path or a quoted record is elided in the middle past it. */
  static final int MAX_BYTES = 4 * Elide.DEFAULT_MAX_BYTES;

  /** A class name ending in Exception or Error, with or without its package, and its colon. */
  private static final Pattern EXCEPTION_NAME =
      Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)*[A-Z][A-Za-z0-9_$]*(?:Exception|Error|Throwable)\\b:?\\s*");

  /** A fully qualified Java name (java.util.List, io.logdex.X.y()): words for programmers. */
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("\\b(?:java|javax|jdk|sun|com|org|io)\\.[a-z][A-Za-z0-9_]*\\.[A-Za-z0-9_.$]+");

  private static final Pattern JDK_FILE_NOT_FOUND = Pattern.compile("^(.*) \\(([^()]+)\\)$");

  static ErrorReport of(Throwable thrown) {
    List<Throwable> chain = CauseChain.of(thrown);
    for (Throwable t : chain) {
      if (t instanceof FormatException) return badInput(t.getMessage());
    }
    for (Throwable t : chain) {
      if (t instanceof UsageException || t instanceof BuildOptionException) {
        return new ErrorReport(ExitCode.USAGE, clean(t.getMessage()), true);
      }
    }
    ErrorReport files = fileSystem(chain);
    if (files != null) return files;
    for (int i = chain.size() - 1; i >= 0; i--) {
      if (chain.get(i) instanceof IOException io) return badInput(ioWords(io));
    }
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable t = chain.get(i);
      if (t instanceof IllegalArgumentException && thrownByLogdex(t) && t.getMessage() != null) {
        return badInput(t.getMessage());
      }
    }
    return internal(chain.get(chain.size() - 1));
  }

  private static ErrorReport fileSystem(List<Throwable> chain) {
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable t = chain.get(i);
      if (t instanceof FileSystemException f) {
        String file = f.getFile() == null ? "" : f.getFile();
        if (f instanceof NoSuchFileException) return usage("no such file: " + file);
        if (f instanceof AccessDeniedException) return usage("permission denied: " + file);
        if (f instanceof NotDirectoryException) return usage("not a directory: " + file);
        if (f instanceof FileAlreadyExistsException) return badInput("already exists: " + file);
        if (f instanceof DirectoryNotEmptyException) return badInput("directory not empty: " + file);
        String reason = f.getReason();
        return badInput(reason == null ? "cannot use " + file : lowerFirst(reason) + ": " + file);
      }
      if (t instanceof FileNotFoundException) {
        // The JDK says "NAME (No such file or directory)"; logdex's own say what they mean.
        Matcher m = JDK_FILE_NOT_FOUND.matcher(String.valueOf(t.getMessage()));
        return usage(m.matches() ? lowerFirst(m.group(2)) + ": " + m.group(1) : String.valueOf(t.getMessage()));
      }
      if (t instanceof InvalidPathException p) return usage("not a usable file name: " + p.getInput());
    }
    return null;
  }

  private static String ioWords(IOException e) {
    if (e instanceof EOFException && e.getMessage() == null) return "the input ended early";
    if (e instanceof CharacterCodingException) return "the input is not valid UTF-8";
    if (e instanceof UnknownHostException) return "unknown host " + e.getMessage();
    String m = e.getMessage();
    return m == null || m.isBlank() ? "input/output failure" : m;
  }

  private static ErrorReport internal(Throwable root) {
    String what;
    if (root instanceof StackOverflowError) {
      what = "ran out of stack (the input nests deeper than this command handles)";
    } else if (root instanceof OutOfMemoryError) {
      what = "ran out of memory (JAVA_OPTS=-Xmx... sets the heap)";
    } else {
      String m = root.getMessage();
      m = m == null ? null : EXCEPTION_NAME.matcher(m).replaceAll("");
      boolean technical = m == null || m.isBlank() || QUALIFIED_NAME.matcher(m).find();
      what = technical ? kindInWords(root) : m;
    }
    return new ErrorReport(ExitCode.INTERNAL,
        "internal error: " + Elide.forMessage(what, MAX_BYTES - 64) + "; please report it (LOGDEX_DEBUG=1 shows where)",
        false);
  }

  /** For a bug whose message is missing or written for programmers. */
  private static String kindInWords(Throwable t) {
    if (t instanceof NullPointerException) return "a value was missing";
    if (t instanceof ClassCastException) return "a value had an unexpected type";
    if (t instanceof IndexOutOfBoundsException) return "a position was out of range";
    if (t instanceof ArithmeticException) return "arithmetic overflow";
    if (t instanceof UnsupportedOperationException) return "an unsupported operation";
    if (t instanceof IllegalStateException) return "an inconsistent state";
    if (t instanceof InterruptedException) return "interrupted";
    return "an unexpected failure";
  }

  /** Whether logdex's own code threw it, so its message was written for people. */
  private static boolean thrownByLogdex(Throwable t) {
    StackTraceElement[] st = t.getStackTrace();
    return st.length > 0 && st[0].getClassName().startsWith("io.logdex.");
  }

  private static ErrorReport usage(String message) {
    return new ErrorReport(ExitCode.USAGE, clean(message), false);
  }

  private static ErrorReport badInput(String message) {
    return new ErrorReport(ExitCode.BAD_INPUT, clean(message), false);
  }

  /** One line, no exception class names (a wrapper's message is its cause's toString), elided. */
  static String clean(String message) {
    // Elided first: the scrub then scans at most MAX_BYTES, however long the message was.
    String m = Elide.forMessage(message == null ? "" : message, MAX_BYTES);
    return EXCEPTION_NAME.matcher(m).replaceAll("");
  }

  private static String lowerFirst(String s) {
    if (s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1)))) return s; // an acronym
    return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }
}
