package io.logdex.serve;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code logdex serve}'s HTTP server: the JDK's {@link HttpServer}, a fixed pool of worker
 * threads, each request answered from a pooled, read-only view of the index. A slow request holds
 * one worker; the others keep answering. When every worker is busy requests wait in a bounded
 * queue, and past it the accepting thread answers them itself: back-pressure, never a dropped or
 * failed request.
 */
public final class LogdexServer implements AutoCloseable {
  /** Requests that wait for a worker before the accepting thread takes them on. */
  private static final int QUEUE = 4096;

  private final HttpServer http;
  private final ThreadPoolExecutor workers;
  private final IndexPool pool;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private LogdexServer(HttpServer http, ThreadPoolExecutor workers, IndexPool pool) {
    this.http = http;
    this.workers = workers;
    this.pool = pool;
  }

  /** Opens the index (failing now if it cannot be read) and starts listening. */
  public static LogdexServer start(Path indexDir, InetAddress bind, int port, int threads) throws IOException {
    IndexPool pool = IndexPool.open(indexDir, threads);
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(bind, port), 256);
    } catch (IOException e) {
      pool.close();
      throw new IOException("cannot listen on " + bind.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
    }
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, "logdex-serve-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    http.setExecutor(workers);
    Api api = new Api(pool, indexDir);
    http.createContext("/api/", api);
    http.createContext("/", new StaticFiles());
    http.start();
    return new LogdexServer(http, workers, pool);
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
  public String url() {
    InetSocketAddress a = http.getAddress();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) host = "[" + host + "]";
    return "http://" + host + ":" + a.getPort() + "/";
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** Blocks until {@link #close} (or the JVM's end: Ctrl-C). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() throws IOException {
    http.stop(0);
    workers.shutdownNow();
    try {
      pool.close();
    } finally {
      stopped.countDown();
    }
  }
}
