package io.logdex.cli;

import java.util.List;

/** Every sub-command, in the order {@code logdex --help} lists them. */
final class Commands {
  private Commands() {}

  static List<Command> all() {
    return List.of(new PathsCommand(), new ConvertCommand(), new BuildCommand(), new SearchCommand(),
        new StatsCommand(), new GetCommand(), new ReadAtCommand(), new CompactCommand(), new LogCommand(), new VerifyCommand(),
        new RecoverCommand(), new ServeCommand());
  }
}
