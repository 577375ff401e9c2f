package io.logdex.cli;

import io.logdex.pipelines.store.Locations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The options one command (or one verb of {@code log}) understands, parsed by picocli into
 * {@link Args}. Every option takes {@code --name=value} or {@code --name value}; some have a short
 * form ({@code -n 3}, {@code -n3}); {@code -h}/{@code --help} asks for the command's usage, and
 * {@code --} ends the options. A query command ({@link #query()}) stops reading options at the
 * first query word, so that {@code -term} after it is the query's NOT. Every command but
 * {@code build} also takes the AWS options of {@link Locations#OPTION_NAMES} for its s3://
 * locations. Picocli's refusals are reworded here into one line in the command line's words.
 *
 * <p>A picocli specification is built per parse: cheap next to the command's work, and never
 * shared between {@code serve}'s threads.
 */
final class CommandOptions {
  private record Declared(String name, String shortName, String label, boolean flag) {}

  /** The usage's words for {@link #query()}: where options end and the query begins. */
  static final String QUERY_ORDER =
      "Options come before the query (--name=value or --name value); from its first word on, every\n"
      + "word is the query's, so '-term' there is its NOT. '--' ends the options, for a query that\n"
      + "starts with '-': logdex search --index=DIR -- -error:null op:GET\n";

  /** The topics of {@code build --help=TOPIC}: the runners' options. */
  static final Set<String> HELP_TOPICS = Set.of("beam", "flink");

  private final boolean query;
  private final boolean passUnknown;
  private final List<Declared> declared = new ArrayList<>();

  private CommandOptions(boolean query, boolean passUnknown) {
    this.query = query;
    this.passUnknown = passUnknown;
  }

  /** Options and positional words in any order, as before picocli. */
  static CommandOptions of() {
    return new CommandOptions(false, false);
  }

  /** Options first, then QUERY words (or a PATH): the first word ends the options. */
  static CommandOptions query() {
    return new CommandOptions(true, false);
  }

  /**
   * {@code build}'s: every word but {@code -h}/{@code --help[=beam|flink]} and the options declared
   * here is kept, in order, for Beam's option parser ({@link Args#passThrough()}).
   */
  static CommandOptions passUnknown() {
    return new CommandOptions(false, true);
  }

  /** {@code --name=LABEL}, or {@code --name LABEL}. */
  CommandOptions value(String name, String label) {
    return value(name, null, label);
  }

  /** Also {@code -s LABEL} (or {@code -sLABEL}) for a one-letter short name s. */
  CommandOptions value(String name, String shortName, String label) {
    declared.add(new Declared(name, shortName, label, false));
    return this;
  }

  /** {@code --name}, taking no value. */
  CommandOptions flag(String name) {
    return flag(name, null);
  }

  CommandOptions flag(String name, String shortName) {
    declared.add(new Declared(name, shortName, null, true));
    return this;
  }

  /**
   * The words parsed; {@link UsageException} for words picocli refuses, {@link HelpRequested} when
   * they ask for help.
   */
  Args parse(List<String> argv) {
    CommandSpec spec = spec();
    ParseResult r;
    try {
      r = PicocliFactory.commandLine(spec).parseArgs(argv.toArray(new String[0]));
    } catch (ParameterException e) {
      throw new UsageException(inWords(e, query, argv));
    }
    if (r.isUsageHelpRequested()) throw new HelpRequested(null);
    if (passUnknown) {
      for (String w : argv) {
        // The consumer below leaves a word that is no topic alone; attached, it was meant as one.
        if (w.startsWith("--help=") && !HELP_TOPICS.contains(w.substring(7))) {
          throw new UsageException("--help takes beam or flink, got: " + Main.oneLine(w.substring(7)));
        }
      }
      Object topic = spec.findOption("--help").getValue();
      if (topic != null) throw new HelpRequested(topic.equals("") ? null : topic.toString());
      return new Args(matched(r, "help"), List.of(), r.unmatched());
    }
    Map<String, String> values = matched(r, null);
    List<String> positional = r.matchedPositionals().isEmpty() ? List.of() : r.matchedPositionals().get(0).stringValues();
    if (query) refuseOptionsAfterTheQuery(argv, positional);
    return new Args(values, positional, List.of());
  }

  /** The options given, by long name without dashes, but for one (or null). */
  private static Map<String, String> matched(ParseResult r, String except) {
    Map<String, String> values = new LinkedHashMap<>();
    for (OptionSpec o : r.matchedOptions()) {
      String name = o.longestName().substring(2);
      if (name.equals(except)) continue;
      Object v = o.getValue();
      values.put(name, v == null ? null : v.toString());
    }
    return values;
  }

  /** The long names this command declares, without dashes. */
  List<String> names() {
    List<String> names = new ArrayList<>();
    for (Declared d : declared) names.add(d.name());
    return names;
  }

  private CommandSpec spec() {
    CommandSpec spec = PicocliFactory.spec();
    if (passUnknown) {
      spec.addOption(OptionSpec.builder("--help", "-h").arity("0..1").type(String.class)
          .parameterConsumer((args, arg, command) -> {
            // Takes the next word only when it is a topic: "--help --oplogs=x" is help, not a topic.
            arg.setValue(!args.isEmpty() && HELP_TOPICS.contains(args.peek()) ? args.pop() : "");
          })
          .build());
      // build's own options (not Beam's) are taken out of the words Beam sees.
      for (Declared d : declared) spec.addOption(option(d));
      spec.parser().unmatchedArgumentsAllowed(true).overwrittenOptionsAllowed(true).expandAtFiles(false);
      return spec;
    }
    spec.addOption(OptionSpec.builder("--help", "-h").usageHelp(true).arity("0").type(boolean.class).build());
    for (Declared d : declared) spec.addOption(option(d));
    for (String name : Locations.OPTION_NAMES) spec.addOption(option(new Declared(name, null, "VALUE", false)));
    spec.addPositional(PositionalParamSpec.builder().index("0..*").arity("0..*").type(List.class).auxiliaryTypes(String.class).build());
    spec.parser()
        .stopAtPositional(query)
        // The last of an option given twice wins, as it always has.
        .overwrittenOptionsAllowed(true)
        // "--index --count" lacks the index rather than naming a directory "--count".
        .unmatchedOptionsAllowedAsOptionParameters(false)
        .posixClusteredShortOptionsAllowed(true)
        // "@timestamp:>2025" is a query word, "@x" a file name: never picocli's argument file.
        .expandAtFiles(false);
    return spec;
  }

  private static OptionSpec option(Declared d) {
    String[] names = d.shortName() == null ? new String[] {"--" + d.name()} : new String[] {"--" + d.name(), d.shortName()};
    OptionSpec.Builder b = OptionSpec.builder(names);
    // Flags are arity 0: "--count op:GET" must never read op:GET (or true) as the flag's value.
    return d.flag() ? b.arity("0").type(boolean.class).build() : b.arity("1").type(String.class).paramLabel(d.label()).build();
  }

  /**
   * Before picocli, options could follow the query; now "op:GET --limit=3" would search for
   * "--limit=3". A word after the first that names one of this command's options (not after
   * {@code --}) is refused rather than silently read as query words.
   */
  private void refuseOptionsAfterTheQuery(List<String> argv, List<String> positional) {
    int start = argv.size() - positional.size();
    if (start > 0 && argv.get(start - 1).equals("--")) return;
    Set<String> names = new HashSet<>(names());
    names.addAll(Locations.OPTION_NAMES);
    for (String w : positional) {
      if (!w.startsWith("--") || w.length() == 2) continue;
      int eq = w.indexOf('=');
      String name = eq < 0 ? w.substring(2) : w.substring(2, eq);
      if (names.contains(name) || name.equals("help")) {
        throw new UsageException("options go before the query: " + Main.oneLine(w) + " after '"
            + Main.oneLine(positional.get(0)) + "' (put '--' before the query to search for it)");
      }
    }
  }

  /** Picocli's refusal in the command line's words: one line, naming the option. */
  static String inWords(ParameterException e, boolean query, List<String> argv) {
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = typed(u.getUnmatched().get(0), argv);
      if (!first.startsWith("-") || first.equals("-")) return "unexpected argument " + Main.oneLine(first);
      int eq = first.indexOf('=');
      String name = eq < 0 ? first : first.substring(0, eq);
      List<String> suggestions = u.getSuggestions();
      String hint = !suggestions.isEmpty() && first.startsWith("--")
          ? " (did you mean " + suggestions.get(0) + "?)"
          : first.startsWith("--") || !query ? "" : " (a query starting with '-' goes after '--')";
      return "unknown option " + Main.oneLine(name) + hint;
    }
    if (e instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()
        && m.getMissing().get(0) instanceof OptionSpec o) {
      return o.longestName() + " needs a value";
    }
    Matcher flag = FLAG_WITH_VALUE.matcher(String.valueOf(e.getMessage()));
    if (flag.find()) return flag.group(1) + " takes no value";
    return e.getMessage();
  }

  /**
   * The word as typed: of "-client_id:x", clustered short options, picocli reports what is left
   * after "-c" ("-lient_id:x").
   */
  private static String typed(String unmatched, List<String> argv) {
    if (argv.contains(unmatched) || !unmatched.startsWith("-") || unmatched.startsWith("--")) return unmatched;
    for (String w : argv) {
      if (w.startsWith("-") && !w.startsWith("--") && w.endsWith(unmatched.substring(1))) return w;
    }
    return unmatched;
  }

  /** Picocli's words for "--count=true": flags take no value. */
  private static final Pattern FLAG_WITH_VALUE = Pattern.compile("option '(-[^']+)' should be specified without");
}
