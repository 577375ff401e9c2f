package io.logdex.cli;

import io.logdex.serve.LogdexServer;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

/** {@code logdex serve}: the read-only web page and JSON API over a built index ({@link LogdexServer}). */
final class ServeCommand implements Command {
  private static final CommandOptions OPTIONS =
      CommandOptions.of().value("index", "DIR").value("port", "-p", "N").value("bind", "ADDR").value("threads", "N");

  @Override
  public String name() {
    return "serve";
  }

  @Override
  public String summary() {
    return "browse, search and replay a built index in a web page (read-only JSON API)";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: logdex serve --index=DIR [-p|--port=8080] [--bind=127.0.0.1] [--threads=8]",
        "",
        "Serves a page that walks the indexed snapshot lazily, searches, replays a path through the",
        "commit log and plots an op-log's latencies, and its JSON API (README, \"logdex serve\").",
        "Read-only: it answers from the index generation current at start. It binds to loopback",
        "unless --bind names another address. --port=0 picks a free port; the URL is printed.",
        "",
        "  -p, --port=N  TCP port (default 8080)",
        "  --bind=ADDR   address to listen on (default 127.0.0.1)",
        "  --threads=N   requests answered at once (default 8; the rest wait in a queue)",
        "");
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = OPTIONS.parse(argv);
    if (!a.positional().isEmpty()) throw new UsageException("unexpected argument " + a.positional().get(0));
    Path dir = IndexDirectory.of(a);
    long port = a.getLong("port", 8080);
    if (port < 0 || port > 65535) throw new UsageException("--port must be between 0 and 65535");
    long threads = a.getLong("threads", 8);
    if (threads < 1 || threads > 256) throw new UsageException("--threads must be between 1 and 256");
    InetAddress bind;
    try {
      bind = InetAddress.getByName(a.get("bind", "127.0.0.1"));
    } catch (UnknownHostException e) {
      throw new UsageException("--bind: not an address: " + a.get("bind", ""));
    }
    try (LogdexServer server = LogdexServer.start(dir, bind, (int) port, (int) threads)) {
      out.println("logdex serve: " + server.url() + " (index " + dir + "; Ctrl-C stops)");
      out.flush();
      server.awaitStop();
    }
    return ExitCode.OK;
  }
}
