package org.nasbowl.experiments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nasbowl.core.bo.NasBowlConfig;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.experiments.study.Databases;
import org.nasbowl.experiments.study.Objectives;
import org.nasbowl.experiments.study.StudyOptimizer;
import org.nasbowl.experiments.study.StudyStorage;
import org.nasbowl.experiments.study.StudyStore;
import org.nasbowl.experiments.study.WorkerProcesses;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's chromium, headless, through chromedriver and Selenium), on a SQLite
 * study and on PostgreSQL (embedded), with 2 real worker processes: the page lists the studies, the complete count
 * rises without a reload, the curve and the best architecture's picture load, clicking a trial shows its detail,
 * and a study named {@code <script>alert(1)</script>} is shown as text. Screenshots go to target/.
 */
class DashboardBrowserTest {
  @TempDir Path tmp;

  static final String XSS = "<script>alert(1)</script>";
  static final String MARKUP = "<b id=\"injected\">bold?</b><img src=x onerror=alert(2)>";

  /** Selenium's warning that it has no DevTools binding for this chromium: not used here, so not shown. */
  static final java.util.logging.Logger SELENIUM = java.util.logging.Logger.getLogger("org.openqa.selenium");

  static WebDriver browser(Path profile) {
    SELENIUM.setLevel(java.util.logging.Level.SEVERE);
    ChromeOptions o = new ChromeOptions();
    o.setBinary("/usr/bin/chromium");
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1400,2400", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, o);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  void theStudyPageUpdatesItselfAndShowsNamesAsText(Databases.Kind kind) throws Exception {
    String url = Databases.fresh(kind, tmp);
    // Each evaluation's stderr holds markup, to be shown as text in the trial's detail.
    String command = "echo '" + MARKUP + "' >&2; " + Objectives.synthetic(tmp, 400, 900);
    List<WorkerProcesses.Worker> workers = List.of();
    try (StudyStore store = new StudyStore(StudyStorage.open(url, null, Duration.ofSeconds(30), s -> { }))) {
      String settings = StudyOptimizer.settings(NasBowlConfig.Acquisition.UCB, NasBowlConfig.Batch.KRIGING_BELIEVER);
      store.create(new StudyStore.NewStudy("browser", "nb201", "nasbowl-m", 1, 40, 2, settings), false);
      store.create(new StudyStore.NewStudy(XSS, "nb201", "random", 1, 3, 1, settings), false);
      workers = List.of(WorkerProcesses.start(tmp, url, "browser", command), WorkerProcesses.start(tmp, url, "browser", command));
      try (DashboardServer server = new DashboardServer(new DashboardModel(store, List.of(), TestPaths.dataDir()),
          "127.0.0.1", 0, null)) {
        WebDriver driver = browser(Files.createDirectories(tmp.resolve("profile")));
        try {
          driver.get("http://127.0.0.1:" + server.port() + "/");
          WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
          wait.ignoring(StaleElementReferenceException.class);
          wait.until(d -> d.findElements(By.cssSelector("#entries tbody tr")).size() == 2);
          // The study named like a script is text in its cell, and nothing ran.
          JavascriptExecutor js = (JavascriptExecutor) driver;
          @SuppressWarnings("unchecked")
          List<String> names = (List<String>) js.executeScript(
              "return [...document.querySelectorAll('#entries tbody td.name')].map(td => td.textContent)");
          assertTrue(names.contains(XSS), "the name is shown as text: " + names);
          assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
          assertEquals(1L, js.executeScript("return document.querySelectorAll('script').length"), "no injected script");
          // The study under work: its count rises while the page stays the same page (no reload).
          wait.until(d -> {
            d.findElements(By.cssSelector("#entries tbody tr")).stream()
                .filter(r -> r.findElement(By.cssSelector("td.name")).getText().equals("browser")).findFirst().orElseThrow()
                .click();
            return true;
          });
          wait.until(d -> d.findElement(By.id("title")).getText().startsWith("browser"));
          js.executeScript("window.stillTheSamePage = 42;");
          long first = complete(driver);
          wait.until(d -> complete(d) >= first + 3);
          assertEquals(42L, js.executeScript("return window.stillTheSamePage"), "updated without a reload");
          // The figures drawn by the project's plotting code: the curve and the best architecture's picture.
          wait.until(d -> loaded(d, "curve") && loaded(d, "best"));
          // A trial's detail on a click.
          wait.until(d -> d.findElements(By.cssSelector("#trials tbody tr")).size() >= 3);
          // Sorted by value, highest first (two clicks on the header): the first row is the best trial.
          WebElement byValue = driver.findElement(By.cssSelector("#trials th[data-key=value]"));
          byValue.click();
          byValue.click();
          @SuppressWarnings("unchecked")
          List<String> values = (List<String>) js.executeScript(
              "return [...document.querySelectorAll('#trials tbody tr')].map(r => r.children[2].textContent)");
          List<Double> shown = values.stream().filter(v -> !v.equals("-")).map(Double::parseDouble).toList();
          assertTrue(!shown.isEmpty() && shown.equals(shown.stream().sorted(java.util.Comparator.reverseOrder()).toList()),
              "sorted by value, highest first, empty values last: " + values);
          assertTrue(values.indexOf("-") < 0 || values.subList(values.indexOf("-"), values.size()).stream().allMatch("-"::equals),
              "empty values last: " + values);
          String[] clicked = new String[1];
          wait.until(d -> {
            WebElement top = d.findElements(By.cssSelector("#trials tbody tr")).get(0);
            clicked[0] = top.findElement(By.cssSelector("td.arch")).getText();
            top.click();
            return true;
          });
          String arch = clicked[0];
          wait.until(d -> d.findElement(By.id("trial")).isDisplayed()
              && d.findElement(By.id("trial-title")).getText().contains(arch));
          wait.until(d -> loaded(d, "trial-picture"));
          wait.until(d -> d.findElement(By.id("trial-err")).getText().contains(MARKUP));
          assertTrue(driver.findElements(By.id("injected")).isEmpty(), "the output's markup became an element");
          assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
          Path shot = Path.of("target", "dashboard-" + kind.name().toLowerCase() + ".png");
          Files.createDirectories(shot.getParent());
          Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
          // The filter: the clicked architecture's notation leaves its rows alone (replicates included), and it
          // stays through updates.
          driver.findElement(By.id("filter")).sendKeys(arch);
          long now = complete(driver);
          wait.until(d -> complete(d) > now);
          @SuppressWarnings("unchecked")
          List<String> left = (List<String>) js.executeScript(
              "return [...document.querySelectorAll('#trials tbody td.arch')].map(td => td.textContent)");
          assertTrue(!left.isEmpty() && left.stream().allMatch(arch::equals), "filtered to " + arch + ": " + left);
          assertTrue(driver.findElement(By.id("shown")).getText().startsWith(left.size() + " of "));
        } finally {
          driver.quit();
        }
      }
    } finally {
      // SIGTERM: each worker gives its trial back and stops its evaluation before the temporary folder goes.
      for (WorkerProcesses.Worker w : workers) w.process().destroy();
      for (WorkerProcesses.Worker w : workers) {
        if (!w.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) w.process().destroyForcibly().waitFor();
      }
    }
  }

  /** The complete count in the study's row, read in one script (rows are rebuilt at every update). */
  private static long complete(WebDriver d) {
    Object n = ((JavascriptExecutor) d).executeScript("for (const r of document.querySelectorAll('#entries tbody tr')) {"
        + " if (r.querySelector('td.name').textContent === 'browser') return Number(r.querySelector('td.complete').textContent); }"
        + " return -1;");
    return ((Number) n).longValue();
  }

  private static boolean loaded(WebDriver d, String id) {
    Object w = ((JavascriptExecutor) d).executeScript(
        "const i = document.getElementById(arguments[0]); return i && i.complete ? i.naturalWidth : 0;", id);
    return w instanceof Number n && n.longValue() > 0;
  }
}
