"""The pages in a real headless Chromium against the app served by waitress.

Screenshots land in tests/artifacts/ (not committed) for a person to look at.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pages_fixtures import make_app

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).parent / "artifacts"

if not CHROMIUM or not Path(DRIVER).exists():
    pytest.skip("headless Chromium is not installed (apt-get install -y chromium chromium-driver)",
                allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Base URL of the app served by waitress on a free local port."""
    yield from _serve(make_app(tmp_path_factory.mktemp("browser"), "pages_basic.trig"))


def _serve(app):
    """Serve `app` with waitress on a free port; yield its base URL."""
    from waitress.server import create_server

    srv = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.effective_port}"
    finally:
        srv.close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    """The app on the sample digests of data/samples, loaded by `kazgraph load`."""
    from kazgraph.server import create_app

    store = tmp_path_factory.mktemp("samples") / "store"
    samples = Path(__file__).parent.parent / "data" / "samples"
    subprocess.run([sys.executable, "-m", "kazgraph", "load", str(samples), "--store", str(store)],
                   check=True, capture_output=True, timeout=300)
    yield from _serve(create_app({"TESTING": True, "KAZGRAPH_STORE": str(store), "QUERY_WORKERS": 1}))


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads):
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1280,1000"):
        opts.add_argument(flag)
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False})
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    driver.set_page_load_timeout(30)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


def wait(driver, seconds: float = 10):
    return WebDriverWait(driver, seconds)


def shot(driver, name: str) -> None:
    # Full-page height so the whole page is in the picture.
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 800), 4000))
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))
    driver.set_window_size(1280, 1000)


def severe_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_question_to_entity_to_evidence_and_csv(browser, server, downloads):
    b = browser
    b.get(server + "/questions/")
    assert b.find_element(By.TAG_NAME, "h1").text == "Questions"
    shot(b, "index")

    b.find_element(By.LINK_TEXT, "Agreements involving an actor since a date").click()
    actor = wait(b).until(EC.presence_of_element_located((By.ID, "p-actor")))
    # Type-ahead: typing part of an alias fills the datalist from /search.json.
    actor.clear()
    actor.send_keys("Kingdom")
    wait(b).until(lambda d: d.execute_script(
        "return [...document.querySelectorAll('#list-actor option')].map(o => o.value)") == ["state/NOR"])
    actor.clear()
    actor.send_keys("state/NOR")
    since = b.find_element(By.ID, "p-since")
    since.clear()
    since.send_keys("2024")
    b.find_element(By.CSS_SELECTOR, "form.question button[type=submit]").click()
    wait(b).until(EC.presence_of_element_located((By.ID, "answers")))
    table = b.find_element(By.CSS_SELECTOR, "table.results").text
    assert "Memorandum on offshore wind" in table and "Arctic Sea Route deal" in table
    wait(b).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#timeline .vis-item")))
    wait(b).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#network canvas")))
    time.sleep(1.0)  # let the network layout settle for the screenshot
    shot(b, "question")
    question_url = b.current_url

    b.find_element(By.LINK_TEXT, "Memorandum on offshore wind").click()
    wait(b).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Memorandum on offshore wind"))
    summary = b.find_element(By.CSS_SELECTOR, "details.sources summary")
    summary.send_keys("\n")  # open with the keyboard
    mark = wait(b).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "details.sources[open] mark")))
    assert mark.text in ("the European Union", "Norway")
    quote = mark.find_element(By.XPATH, "./ancestor::blockquote").text
    assert quote.startswith("Norway and the European Union signed a memorandum on offshore wind")
    assert "Nordic Post" in b.find_element(By.CSS_SELECTOR, "details.sources[open] .source").text
    shot(b, "entity")

    b.get(question_url)
    b.find_element(By.LINK_TEXT, "CSV").click()
    target = downloads / "agreements-since.csv"
    deadline = time.monotonic() + 10
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("date,agreement,agreementLabel")
    assert any("Memorandum on offshore wind" in line for line in lines[1:])
    assert not severe_errors(b)


def test_script_literal_shows_as_text(browser, server):
    browser.get(server + "/id/event/astana-summit")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Summit in Astana <script>alert('x')</script>"
    assert browser.execute_script("return document.querySelectorAll('main script').length") == 0
    browser.get(server + "/questions/who-met-whom?actor=state/KAZ")
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#network canvas")))
    assert "Summit in Astana <script>" in browser.find_element(By.CSS_SELECTOR, "table.results").text
    assert not severe_errors(browser)
    shot(browser, "who-met-whom")


def test_search_and_export_pages(browser, server):
    browser.get(server + "/questions/")
    box = browser.find_element(By.ID, "site-q")
    box.send_keys("eu\n")
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, "ul.hits a")))
    assert "European Union" in browser.find_element(By.CSS_SELECTOR, "ul.hits").text
    shot(browser, "search")
    browser.get(server + "/export")
    assert "digest/d1" in browser.find_element(By.TAG_NAME, "table").text
    shot(browser, "export")
    browser.get(server + "/id/state/NOR")
    shot(browser, "state")


def test_pages_are_usable_on_a_phone(browser, server):
    browser.set_window_size(390, 844)
    try:
        browser.get(server + "/questions/who-met-whom?actor=state/KAZ")
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390, "the page should not scroll sideways on a narrow screen"
        browser.save_screenshot(str(ARTIFACTS / "phone.png"))
    finally:
        browser.set_window_size(1280, 1000)


def test_typed_name_finds_an_agreement_with_its_source_sentence(browser, sample_server):
    b = browser
    b.get(sample_server + "/questions/agreements-since")
    actor = wait(b).until(EC.presence_of_element_located((By.ID, "p-actor")))
    actor.clear()
    actor.send_keys("European Union")
    since = b.find_element(By.ID, "p-since")
    since.clear()
    since.send_keys("2020")
    b.find_element(By.CSS_SELECTOR, "form.question button[type=submit]").click()
    wait(b).until(EC.staleness_of(actor))  # the answer page, not the form's page, is loaded
    wait(b).until(EC.presence_of_element_located((By.ID, "answers")))
    assert "Now: European Union" in b.find_element(By.ID, "hint-actor").text
    rows = [r for r in b.find_elements(By.CSS_SELECTOR, "table.results tbody tr")
            if "raw materials" in r.find_element(By.CSS_SELECTOR, "td:nth-child(2)").text]
    assert rows, "the raw-materials memorandum should be among the answers"
    row = rows[0]
    assert row.find_element(By.CSS_SELECTOR, "td:first-child").text.startswith("2022")
    sentence = row.find_element(By.CSS_SELECTOR, "td.source q").text
    assert "raw materials" in sentence.lower()
    cite = row.find_element(By.CSS_SELECTOR, "td.source .cite").text
    assert "2022" in cite
    shot(b, "question-sources")

    b.find_element(By.CSS_SELECTOR, ".downloads a.editor-link").click()
    # YASGUI takes the share link's query into its editor.
    find_query = ("return [...document.querySelectorAll('.CodeMirror')].map(e => e.CodeMirror.getValue())"
                  ".find(t => t.includes('VALUES (?actor ?since ?dated)')) || null;")
    wait(b, 20).until(lambda d: d.execute_script(find_query))
    text = b.execute_script(find_query)
    assert "<https://w3id.org/kazgraph/id/org/european-union>" in text
    assert '"2020"^^<http://www.w3.org/2001/XMLSchema#gYear>' in text
    shot(b, "editor-from-question")
    assert not severe_errors(b)


def test_an_ambiguous_name_offers_a_choice(browser, sample_server):
    b = browser
    b.get(sample_server + "/questions/who-met-whom?actor=Union")
    choices = wait(b).until(EC.presence_of_element_located((By.CSS_SELECTOR, "section.choices")))
    assert "pick one" in choices.text
    choices.find_element(By.PARTIAL_LINK_TEXT, "European Union").click()
    wait(b).until(EC.presence_of_element_located((By.ID, "answers")))
    assert "org/european-union" in b.current_url
    shot(b, "question-choice")
