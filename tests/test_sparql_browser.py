"""The query editor in headless Chromium: it loads, runs a query, and asks no other site."""
from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from kazgraph.server import create_app, db

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

# Literals that run script if the results table writes them as HTML (no CSP on this page).
HOSTILE = ["<script>window.__pwned=1</script>",
           "<img src=x onerror=\"window.__pwned=2;document.title='pwned'\">",
           "\"><svg onload=window.__pwned=3>"]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        pytest.skip("needs Debian chromium and chromium-driver")
    import pyoxigraph as ox
    from waitress import create_server

    app = create_app({"KAZGRAPH_STORE": str(tmp_path_factory.mktemp("ui") / "store")})
    with app.app_context(), db.writable() as writable:
        store = writable.ox
        store.add(ox.Quad(ox.NamedNode("urn:ui:a"), ox.NamedNode("urn:ui:name"),
                          ox.Literal("Zed Testperson"), ox.NamedNode("urn:ui:g")))
        for text in HOSTILE:
            store.add(ox.Quad(ox.NamedNode("urn:ui:evil"), ox.NamedNode("urn:ui:evil-name"),
                              ox.Literal(text), ox.NamedNode("urn:ui:g")))
        store.add(ox.Quad(ox.NamedNode("urn:ui:evil"), ox.NamedNode("urn:ui:link"),
                          ox.NamedNode("javascript:window.__pwned=9"), ox.NamedNode("urn:ui:g")))
        store.flush()
        del store  # the write handle closes with the block only if nothing holds it
    srv = create_server(app, host="127.0.0.1", port=0, threads=4)

    def serve() -> None:
        try:
            srv.run()
        except OSError:
            pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.effective_port}"
    srv.close()
    thread.join(timeout=5)
    db.close_app(app)


@pytest.fixture(scope="module")
def browser(base_url):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(options=opts, service=Service(DRIVER))
    yield driver
    driver.quit()


def _wait(fn, seconds: float = 10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = fn()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting in the browser")


def test_editor_runs_a_query_and_stays_local(browser, base_url):
    browser.get(base_url + "/sparql")
    _wait(lambda: browser.execute_script("return !!document.querySelector('.CodeMirror')"))
    browser.execute_script("document.querySelector('.CodeMirror').CodeMirror.setValue("
                           "'SELECT ?name WHERE { ?s <urn:ui:name> ?name }')")
    browser.find_element("css selector", ".yasqe_queryButton").click()
    text = _wait(lambda: "Zed Testperson" in browser.find_element("css selector", ".yasr").text
                 and browser.find_element("css selector", ".yasr").text)
    assert "1 result" in text
    urls = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    assert urls and all(u.startswith(base_url) for u in urls), urls


def test_editor_shows_hostile_literals_as_text(browser, base_url):
    browser.get(base_url + "/sparql")
    _wait(lambda: browser.execute_script("return !!document.querySelector('.CodeMirror')"))
    title = browser.title
    browser.execute_script("document.querySelector('.CodeMirror').CodeMirror.setValue("
                           "'SELECT ?name ?link WHERE { ?s <urn:ui:evil-name> ?name "
                           "OPTIONAL { ?s <urn:ui:link> ?link } } ORDER BY ?name')")
    browser.find_element("css selector", ".yasqe_queryButton").click()
    text = _wait(lambda: "3 results" in browser.find_element("css selector", ".yasr").text
                 and browser.find_element("css selector", ".yasr").text)
    time.sleep(0.5)  # an onerror or onload handler would have fired by now
    for literal in HOSTILE:
        assert literal in text  # shown as the text it is
    assert browser.execute_script("return window.__pwned") is None
    assert browser.title == title
    # In the table's cells (YASR's own toolbar icons are SVG): no element from the data,
    # and the javascript: IRI is not a link.
    found = browser.execute_script(
        "const cells = [...document.querySelectorAll('.yasr table td')];"
        "return [cells.length, cells.flatMap(c => [...c.querySelectorAll('script, img, svg, iframe')]).length,"
        " cells.flatMap(c => [...c.querySelectorAll('a[href]')])"
        "   .filter(a => /^\\s*javascript:/i.test(a.getAttribute('href'))).length]")
    assert found[0] >= 3 and found[1:] == [0, 0], found
