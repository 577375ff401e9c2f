package io.logdex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdex.serve.LogdexServer;
import java.io.File;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page of {@code logdex serve} in headless Debian Chromium, driven by Selenium: the tree
 * three levels deep against {@code get}, paging an array of 12,000 elements, a search hit
 * followed into the tree, the commit slider against {@code read-at}, and the op-log chart's
 * points. Screenshots go to target/serve-screenshots/. Skipped, saying why, where chromium or
 * chromedriver is not installed; .ci/run installs both. With -Dlogdex.serve.bigSnapshotBytes=N
 * (.ci/run: 256m) the page is also driven over a generated snapshot of that size.
 */
class ServeBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target/serve-screenshots");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path sampleIndex;
  static Path arrayIndex;
  static LogdexServer sample;
  static LogdexServer array;
  static ChromeDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "skipped: the browser tests need Debian's chromium and chromium-driver (apt-get install -y chromium"
            + " chromium-driver; .ci/run installs them)");
    sampleIndex = tmp.resolve("sample");
    BuildCliTest.Run r = BuildCliTest.logdex("build", "--snapshots=" + BuildCliTest.sample("cluster-state.json") + "@0",
        "--oplogs=" + BuildCliTest.sample("commits.jsonl") + "," + BuildCliTest.sample("ops.tsv.zst"),
        "--output=" + sampleIndex);
    assertEquals(0, r.code(), r.err());
    arrayIndex = tmp.resolve("array");
    r = BuildCliTest.logdex("build", "--snapshots=" + ServeApiTest.writeArraySnapshot(tmp.resolve("array.json"), 12_000),
        "--output=" + arrayIndex, "--maxSubDocumentBytes=4096");
    assertEquals(0, r.code(), r.err());
    sample = LogdexServer.start(sampleIndex, InetAddress.getLoopbackAddress(), 0, 4);
    array = LogdexServer.start(arrayIndex, InetAddress.getLoopbackAddress(), 0, 4);
    Files.createDirectories(SHOTS);
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--window-size=1400,1000", "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, o);
    wait = new WebDriverWait(browser, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) browser.quit();
    if (sample != null) sample.close();
    if (array != null) array.close();
  }

  static void open(LogdexServer s) {
    browser.get(s.url());
    wait.until(d -> "1".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
  }

  static WebElement node(String path) {
    return wait.until(d -> {
      for (WebElement e : d.findElements(By.cssSelector("li.node"))) {
        if (path.equals(e.getDomAttribute("data-path"))) return e;
      }
      return null;
    });
  }

  /** Clicks a node's toggle and waits for its children. */
  static List<WebElement> expand(String path) {
    WebElement li = node(path);
    li.findElement(By.cssSelector(":scope > .row > .toggle")).click();
    return children(path);
  }

  static List<WebElement> children(String path) {
    WebElement li = node(path);
    return wait.until(d -> {
      List<WebElement> c = li.findElements(By.cssSelector(":scope > ul > li.node"));
      return c.isEmpty() ? null : c;
    });
  }

  static void shot(String name) throws Exception {
    File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  static String get(Path index, String path) {
    BuildCliTest.Run r = BuildCliTest.logdex("get", "--index=" + index, "--", path);
    assertEquals(0, r.code(), r.err());
    return r.out();
  }

  /** Names and scalar values of rows equal get's value at path. */
  static void assertRowsEqualGet(Path index, String path, List<WebElement> rows) throws Exception {
    JsonNode value = JSON.readTree(get(index, path));
    assertEquals(value.size(), rows.size(), path);
    Iterator<String> names = value.fieldNames();
    for (int i = 0; i < rows.size(); i++) {
      WebElement row = rows.get(i);
      String name = row.findElement(By.cssSelector(":scope > .row > .name")).getText();
      assertEquals(value.isArray() ? "[" + i + "]" : names.next(), name, path);
      String childPath = row.getDomAttribute("data-path");
      List<WebElement> v = row.findElements(By.cssSelector(":scope > .row > .value"));
      if (!v.isEmpty()) {
        Object text = ((JavascriptExecutor) browser).executeScript("return arguments[0].textContent", v.get(0));
        assertEquals(get(index, childPath).strip(), text, childPath);
      }
    }
  }

  @Test
  void treeThreeLevelsDeepEqualsGet() throws Exception {
    open(sample);
    assertRowsEqualGet(sampleIndex, "", children(""));
    assertRowsEqualGet(sampleIndex, "namespaces", expand("namespaces"));
    assertRowsEqualGet(sampleIndex, "namespaces.identity", expand("namespaces.identity"));
    assertRowsEqualGet(sampleIndex, "namespaces.identity.configMaps", expand("namespaces.identity.configMaps"));
    expand("namespaces.identity.configMaps.app-config");
    assertRowsEqualGet(sampleIndex, "namespaces.identity.configMaps.app-config.data",
        expand("namespaces.identity.configMaps.app-config.data"));
    node("namespaces.identity.configMaps.app-config.data.REGION").findElement(By.cssSelector(".name")).click();
    wait.until(d -> d.findElement(By.id("value")).getText().equals(get(sampleIndex, "namespaces.identity.configMaps.app-config.data.REGION").strip()));
    assertEquals("namespaces.identity.configMaps.app-config.data.REGION", browser.findElement(By.id("path-input")).getDomProperty("value"));
    shot("tree-three-levels");
  }

  @Test
  void pagesThroughAnArrayOfTwelveThousand() throws Exception {
    open(array);
    assertEquals(100, expand("items").size());
    for (int page = 2; page <= 4; page++) {
      WebElement more = node("items").findElement(By.cssSelector(":scope > ul > button.more"));
      assertTrue(more.getText().contains("of 12000"), more.getText());
      more.click();
      int want = page * 100;
      wait.until(d -> children("items").size() == want);
    }
    assertRowsEqualGet(arrayIndex, "items[399]", expand("items[399]"));
    goTo("items[10500].name");
    wait.until(d -> d.findElement(By.id("value")).getText().equals("\"item-10500\""));
    String selected = browser.findElement(By.cssSelector(".row.selected")).findElement(By.xpath("..")).getDomAttribute("data-path");
    assertEquals("items[10500].name", selected);
    shot("array-12000");
  }

  static void goTo(String path) {
    WebElement in = browser.findElement(By.id("path-input"));
    in.clear();
    in.sendKeys(path, Keys.ENTER);
  }

  @Test
  void searchHitLeadsToItsNode() throws Exception {
    open(sample);
    WebElement q = browser.findElement(By.id("search-input"));
    q.sendKeys("trace", Keys.ENTER);
    WebElement link = wait.until(d -> {
      List<WebElement> a = d.findElements(By.cssSelector("#search-hits a"));
      return a.isEmpty() ? null : a.get(0);
    });
    String place = link.getDomAttribute("data-path");
    link.click();
    wait.until(d -> {
      List<WebElement> s = d.findElements(By.cssSelector(".row.selected"));
      return !s.isEmpty() && place.equals(s.get(0).findElement(By.xpath("..")).getDomAttribute("data-path"));
    });
    assertEquals(get(sampleIndex, place).strip(), browser.findElement(By.id("value")).getText());
    shot("search-hit");
  }

  @Test
  void commitSliderShowsReadAt() throws Exception {
    open(sample);
    String path = "namespaces.identity.configMaps.app-config.data.LOG_LEVEL";
    goTo(path);
    node(path);
    WebElement slider = browser.findElement(By.id("commit-slider"));
    for (long commit : new long[] {0, 1, 2, 700, 1998}) {
      ((JavascriptExecutor) browser).executeScript(
          "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", slider, commit + 1);
      slider.sendKeys(Keys.ARROW_LEFT); // and one step by hand, as a person moves it
      assertReadAt(path, commit);
    }
    shot("commit-slider");
  }

  static void assertReadAt(String path, long commit) {
    WebElement out = browser.findElement(By.id("readat-value"));
    wait.until(d -> "1".equals(out.getDomAttribute("data-ready")) && String.valueOf(commit).equals(out.getDomAttribute("data-commit")));
    BuildCliTest.Run r = BuildCliTest.logdex("read-at", "--index=" + sampleIndex, "--commit=" + commit, "--", path);
    String want = r.code() == 0 ? r.out().strip() : "(absent at commit " + commit + ")";
    assertEquals(want, out.getText(), "commit " + commit);
    assertEquals(String.valueOf(commit), browser.findElement(By.id("commit-label")).getText());
  }

  @Test
  void opLogChartHasEveryPoint() throws Exception {
    open(sample);
    JsonNode s;
    try (var in = new java.net.URL(sample.url() + "api/oplog?points=2000").openStream()) {
      s = JSON.readTree(in);
    }
    int points = s.get("sampled").asInt();
    assertEquals(2000, points);
    wait.until(d -> d.findElements(By.cssSelector("#latency-chart circle.pt")).size() == points);
    // The histograms are /api/histogram's, over every operation: each svg's bars are its buckets.
    JsonNode h;
    try (var in = new java.net.URL(sample.url() + "api/histogram?field=duration_ns&by=op&buckets=24").openStream()) {
      h = JSON.readTree(in);
    }
    int groups = h.get("groups").size();
    assertTrue(groups > 1, h.toString());
    List<WebElement> hists = wait.until(d -> {
      List<WebElement> e = d.findElements(By.cssSelector("#op-histograms svg.op-hist"));
      return e.size() == groups ? e : null;
    });
    long total = 0;
    for (int i = 0; i < groups; i++) {
      JsonNode g = h.get("groups").get(i);
      WebElement svg = hists.get(i);
      assertEquals(g.get("group").asText(), svg.getDomAttribute("data-op"));
      assertEquals(g.get("count").asLong(), Long.parseLong(svg.getDomAttribute("data-count")));
      List<WebElement> bars = svg.findElements(By.cssSelector("rect.bar"));
      assertEquals(g.get("buckets").size(), bars.size(), g.get("group").asText());
      long barSum = 0;
      for (int b = 0; b < bars.size(); b++) {
        JsonNode want = g.get("buckets").get(b);
        WebElement bar = bars.get(b);
        assertEquals(want.get("count").asLong(), Long.parseLong(bar.getDomAttribute("data-count")), g.get("group").asText() + " bucket " + b);
        assertEquals(want.get("lo").asLong(), Long.parseLong(bar.getDomAttribute("data-lo")), g.get("group").asText() + " bucket " + b);
        assertEquals(want.get("hi").asLong(), Long.parseLong(bar.getDomAttribute("data-hi")), g.get("group").asText() + " bucket " + b);
        barSum += want.get("count").asLong();
      }
      assertEquals(g.get("count").asLong(), barSum, g.get("group").asText());
      total += barSum;
    }
    assertEquals(s.get("total").asLong(), total, "every operation, not the sample");
    browser.findElement(By.id("oplog-pane")).getLocation();
    ((JavascriptExecutor) browser).executeScript("document.getElementById('oplog-pane').scrollIntoView()");
    shot("oplog-chart");
  }

  @Test
  void aGeneratedSnapshotOfHundredsOfMegabytes() throws Exception {
    String bytes = System.getProperty("logdex.serve.bigSnapshotBytes");
    Assumptions.assumeTrue(bytes != null && !bytes.isEmpty(),
        "skipped: set -Dlogdex.serve.bigSnapshotBytes=256m to drive the page over a generated snapshot (.ci/run does)");
    Path json = tmp.resolve("big.json");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "io.logdex.samples.Generate", "snapshot", "--bytes=" + bytes,
        "--format=json", "--out=" + json).redirectErrorStream(true).redirectOutput(tmp.resolve("generate.log").toFile()).start();
    assertEquals(0, p.waitFor(), Files.readString(tmp.resolve("generate.log")));
    assertTrue(Files.size(json) >= 200L << 20, "size " + Files.size(json));
    Path index = tmp.resolve("big");
    // In a JVM of its own, with bin/logdex's heap: the tests' 1 GiB holds the other indexes too.
    p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m", "-cp",
        System.getProperty("java.class.path"), "io.logdex.cli.Main", "build", "--snapshots=" + json,
        "--output=" + index).redirectErrorStream(true).redirectOutput(tmp.resolve("build.log").toFile()).start();
    assertEquals(0, p.waitFor(), Files.readString(tmp.resolve("build.log")));
    try (LogdexServer big = LogdexServer.start(index, InetAddress.getLoopbackAddress(), 0, 2)) {
      open(big);
      // The root's names (get of the whole root would not fit the tests' heap), then three levels.
      List<String> names = new ArrayList<>();
      for (WebElement row : children("")) names.add(row.findElement(By.cssSelector(":scope > .row > .name")).getText());
      assertEquals(List.of("cluster", "namespaces", "nodes", "events"), names);
      assertRowsEqualGet(index, "cluster", expand("cluster"));
      List<WebElement> nodes = expand("nodes");
      assertEquals(100, nodes.size());
      WebElement more = node("nodes").findElement(By.cssSelector(":scope > ul > button.more"));
      long total = Long.parseLong(more.getText().replaceAll(".* of ([0-9]+)\\)$", "$1"));
      assertTrue(total > 10_000, more.getText());
      more.click();
      wait.until(d -> children("nodes").size() == 200);
      assertRowsEqualGet(index, "nodes[150]", expand("nodes[150]"));
      assertRowsEqualGet(index, "nodes[150].labels", expand("nodes[150].labels"));
      String deep = "nodes[" + (total - 7) + "].name";
      goTo(deep);
      wait.until(d -> d.findElement(By.id("value")).getText().equals(get(index, deep).strip()));
      shot("big-snapshot");
    }
  }
}
