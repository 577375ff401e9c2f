package io.logdex.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page: three files from the jar, named here, so no request path ever becomes a resource or
 * file name. Everything else is a 404.
 */
final class StaticFiles implements HttpHandler {
  private static final Map<String, String[]> FILES = Map.of(
      "/", new String[] {"index.html", "text/html"},
      "/index.html", new String[] {"index.html", "text/html"},
      "/app.js", new String[] {"app.js", "text/javascript"},
      "/app.css", new String[] {"app.css", "text/css"});

  private final Map<String, byte[]> bodies = new java.util.HashMap<>();

  StaticFiles() {
    for (String[] f : FILES.values()) bodies.computeIfAbsent(f[0], StaticFiles::load);
  }

  private static byte[] load(String name) {
    try (InputStream in = StaticFiles.class.getResourceAsStream("web/" + name)) {
      if (in == null) throw new IllegalStateException("the jar lacks the page's " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      String[] f = FILES.get(ex.getRequestURI().getPath());
      if (f == null) {
        Api.sendError(ex, 404, "no such page");
        return;
      }
      if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
        Api.sendError(ex, 405, "only GET is served");
        return;
      }
      // The page loads only its own scripts and talks only to this server.
      ex.getResponseHeaders().set("Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
      Api.send(ex, 200, f[1], bodies.get(f[0]));
    } finally {
      ex.close();
    }
  }
}
