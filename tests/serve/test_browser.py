"""End to end, in Debian's Chromium (headless, driven by Playwright): the app served by
uvicorn on a free loopback port, over a corpus of the test articles analysed for real.

Skipped, with the reason, where /usr/bin/chromium is missing (``.ci/run`` installs it).
Each test saves a screenshot of its page under docs/screenshots/ (shown in the README).
"""

from __future__ import annotations

import json
import random
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from accordingto.analyze.analyzer import Analyzer
from accordingto.clean import clean_text
from accordingto.query import Corpus
from accordingto.serve.app import create_app
from tests.serve.conftest import ROOT, SAMPLE
from tests.store.builders import Said, build

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "docs" / "screenshots"
FIXTURE_ARTICLES = ROOT / "tests" / "fixtures" / "corpus" / "articles.jsonl"
#: Without these, Chromium tries to reach Google's services, which this machine refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _outlet_months(corpus: Corpus) -> None:
    """Invented articles over twelve months and four outlets (built records, no NLP), so the
    dashboard has lines to draw; each outlet leans on anonymous sources to its own degree."""
    rng = random.Random(6)
    outlets = {"Harbor Gazette": 0.15, "Metro Wire": 0.45, "Coast Courier": 0.3, "Valley Times": 0.6}
    kinds = ["person", "person", "group", "organization", "document"]
    for month in range(1, 13):
        for outlet, anonymous in outlets.items():
            for n in range(3):
                said = [
                    Said(
                        f"Source {rng.randint(1, 40)}" if rng.random() > anonymous else "an official",
                        f"statement {n} about the harbour budget",
                        kind=rng.choice(kinds),
                        named=rng.random() > anonymous,
                    )
                    for _ in range(4)
                ]
                analysis = build(
                    f"invented-{outlet[:5].lower()}-{month:02d}-{n}",
                    said,
                    outlet=outlet,
                    published=f"2023-{month:02d}-{n + 10:02d}",
                    title=f"Harbour budget, {outlet}, month {month}",
                )
                _who_they_are(analysis, BYLINES[(month + n) % len(BYLINES)])
                corpus.add(analysis)


#: The invented people's role classes, by their number; their genders below, by their number too,
#: so that one person has the same gender in every article (an outlet's share then depends on
#: whom it quotes). Set after the records are drawn, so the anonymity lines above stay the same.
ROLE_POOL = (
    "politician_or_official",
    "expert_or_academic",
    "business",
    "ordinary_person",
    "spokesperson",
    "civil_society",
    "police",
    "medical",
)
BYLINES: tuple[list[str], ...] = (["Lena Park"], ["Omar Haddad"], ["Lena Park", "Ruth Adeyemi"], [])


def _who_they_are(analysis: Any, byline: list[str]) -> None:
    analysis.article.authors = list(byline)
    for source in analysis.sources:
        number = int(source.name.rsplit(" ", 1)[-1]) if source.name.startswith("Source ") else 0
        if source.kind == "person" and source.named:
            source.gender = ("female", "female", "male", "male", "male", "unknown")[number % 6]
            source.gender_basis = "none" if source.gender == "unknown" else "text"
        source.role_class = {"document": "document", "group": "ordinary_person"}.get(
            source.kind, ROLE_POOL[number % len(ROLE_POOL)] if source.named else "politician_or_official"
        )


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) for browser tests")
    db = tmp_path_factory.mktemp("browser") / "browser.db"
    with Corpus(db) as corpus:
        add_fixture_articles(corpus, analyzer)
        _outlet_months(corpus)
    yield from serve_in_a_thread(create_app(db, analyzer=analyzer))


def add_fixture_articles(corpus: Corpus, analyzer: Analyzer) -> None:
    """Analyse and store the articles of tests/serve's fixture file, with their outlets and dates."""
    for line in FIXTURE_ARTICLES.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        cleaned = clean_text(item["text"], title=item["title"], outlet=item["outlet"])
        cleaned.published = item["published"]
        corpus.add(analyzer.analyze(cleaned, id=item["id"]))


def serve_in_a_thread(app: Any) -> Iterator[str]:
    """Run ``app`` on a free local port until the generator is closed; yields its base URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def launch_chromium() -> Iterator[Any]:
    """The Debian Chromium, driven by Playwright (skipped where Playwright is missing)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (requirements/dev-lock.txt) is missing")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def browser(live_server: str) -> Iterator[Any]:
    yield from launch_chromium()


class Tab:
    """A page with its console errors collected (a script error or a CSP refusal fails the test)."""

    def __init__(self, browser: Any, base: str, viewport: dict[str, int], *, touch: bool = False) -> None:
        self.context = browser.new_context(viewport=viewport, has_touch=touch, is_mobile=touch)
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.base = base
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path)
        return self.page

    def shot(self, name: str, *, full_page: bool = False) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)

    def close(self) -> None:
        assert self.errors == [], self.errors
        self.context.close()


@pytest.fixture
def tab(browser: Any, live_server: str) -> Iterator[Tab]:
    opened = Tab(browser, live_server, LAPTOP)
    yield opened
    opened.close()


def _analyse_sample(tab: Tab) -> Any:
    page = tab.open("/")
    page.fill("#text", SAMPLE.read_text(encoding="utf-8"))
    page.click(".more-fields summary")
    page.fill("#outlet", "Harbour Ledger")
    page.click("button[type=submit]")
    page.wait_for_selector("#article-text")
    return page


def test_analyse_the_sample_article_and_see_the_highlights(tab: Tab, analyzer: Analyzer) -> None:
    expected = analyzer.analyze(clean_text(SAMPLE.read_text(encoding="utf-8")))
    page = _analyse_sample(tab)
    assert page.locator("#article-text .marker").count() == len(expected.attributions)
    assert page.locator("#article-text .at-content").count() >= len(expected.attributions)
    assert page.locator("#article-text .at-cue").first.is_visible()
    assert page.locator("#article-text .at-mention").first.is_visible()
    assert page.locator("#article-text .at-content.anon").count() > 0  # the anonymous officials, hatched
    page.wait_for_selector(".profile .chart svg")
    assert page.locator(".profile .chart svg").count() == 2
    assert "Harbour Ledger" in page.locator(".profile").inner_text()
    tab.shot("analyse")


def test_the_source_card_opens_from_the_keyboard_and_escape_closes_it(tab: Tab) -> None:
    page = _analyse_sample(tab)
    page.locator("#marker-A1").focus()
    page.keyboard.press("Enter")
    card = page.locator("#card")
    card.wait_for(state="visible")
    assert "two city officials" in card.inner_text()
    assert "anonymous" in card.inner_text() and "Harbour Ledger" in card.inner_text()
    assert page.evaluate("document.activeElement.id") == "card"
    tab.shot("source-card")
    page.keyboard.press("Escape")
    card.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.id") == "marker-A1"  # the focus goes back
    page.keyboard.press("Space")
    card.wait_for(state="visible")
    page.locator(".card-close").click()
    card.wait_for(state="hidden")


def test_every_attribution_is_reachable_with_tab_and_the_focus_is_visible(tab: Tab) -> None:
    page = _analyse_sample(tab)
    page.locator("#article-text").scroll_into_view_if_needed()
    page.evaluate("document.querySelector('#main').focus()")
    reached: list[str] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        if focused.startswith("marker-"):
            reached.append(focused)
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none"
        if len(reached) == page.locator("#article-text .marker").count():
            break
    assert len(reached) == page.locator("#article-text .marker").count()


def test_hovering_attributed_words_previews_the_card(tab: Tab) -> None:
    page = _analyse_sample(tab)
    page.locator('#article-text .at-content[data-attr="A3"]').first.hover()
    page.locator("#card").wait_for(state="visible")
    assert page.locator("#card h2").inner_text().strip() != ""
    assert page.locator('#article-text .at-content.active[data-attr="A3"]').count() > 0


def test_a_card_links_to_the_source_page(tab: Tab) -> None:
    page = tab.open("/articles/harbor-gazette-2024-03-04-ferrante")
    marker = page.locator("#article-text .marker", has_text="S1").first
    marker.click()
    link = page.locator("#card a.card-link")
    link.wait_for(state="visible")
    link.click()
    page.wait_for_url("**/sources/**")
    page.wait_for_selector(".chart svg")
    heading = page.locator("h1").inner_text()
    assert "Ferrante" in heading
    assert page.locator(".hits .hit").count() >= 2  # what she said, across articles
    tab.shot("source-page")


def test_a_search_with_filters(tab: Tab) -> None:
    page = tab.open("/search")
    page.fill("#q", "red line")
    page.check("input[name=kind][value=person]")
    page.click(".search-form button[type=submit]")
    page.wait_for_selector(".hits")
    hits = page.locator(".hits .hit")
    assert hits.count() >= 2
    assert page.locator(".hits mark").count() >= 2
    assert "kind=person" in page.url
    tab.shot("search")


def _one_box_one_line(page: Any, chart: str, picker: str) -> None:
    """The outlets' checkboxes of a line chart: one box unticked, one line fewer; ticked, back."""
    boxes = page.locator(f"{picker} input")
    assert boxes.count() >= 4
    before = page.locator(f"{chart} svg path[fill=none]").count()
    boxes.nth(0).uncheck()
    assert page.locator(f"{chart} svg path[fill=none]").count() == before - 1
    boxes.nth(0).check()
    assert page.locator(f"{chart} svg path[fill=none]").count() == before


def test_the_dashboard_draws_its_charts_from_the_api(tab: Tab) -> None:
    page = tab.open("/dashboard")
    page.wait_for_selector("#anon-trend svg path")
    page.wait_for_selector("#kinds-by-outlet svg rect")
    _one_box_one_line(page, "#anon-trend", "#outlet-picker")
    assert page.locator("#outlet-table tbody tr").count() >= 4
    table_width = page.evaluate("document.querySelector('#outlet-table').scrollWidth")
    wrap_width = page.evaluate("document.querySelector('#outlet-table').parentElement.clientWidth")
    assert table_width <= wrap_width, "the per-outlet table fits a laptop screen without scrolling"
    tab.shot("dashboard")


def test_the_dashboard_shows_who_gets_quoted(tab: Tab) -> None:
    page = tab.open("/dashboard")
    page.wait_for_selector("#women-trend svg path")
    page.wait_for_selector("#roles-by-outlet svg rect")
    _one_box_one_line(page, "#women-trend", "#women-picker")
    # the numbers behind the charts stay on the page, beside them
    gazette = page.locator("#women-table tbody tr", has_text="Harbor Gazette")
    assert " of " in gazette.inner_text() and "%" in gazette.inner_text()
    assert page.locator("#roles-table tbody tr").count() >= 4
    assert "Lena Park" in page.locator("#authors-table").inner_text()
    legend = page.locator("#roles-by-outlet svg text", has_text="expert or academic")
    assert legend.count() == 1
    href = page.locator("a[href^='/api/voices?by=author']").get_attribute("href")
    assert href is not None and "format=csv" in href
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#voices").screenshot(path=str(SCREENSHOTS / "dashboard-voices.png"))  # the view, whole


def test_check_a_draft_and_light_a_findings_words(tab: Tab) -> None:
    from tests.serve.test_check import DRAFT

    page = tab.open("/check")
    page.fill("#text", DRAFT)
    page.click(".analyze-form button[type=submit]")
    page.wait_for_selector(".check-summary")
    assert "2 errors, 2 warnings" in page.locator(".check-summary").inner_text()
    finding = page.locator(".finding", has_text="AS102")
    assert "anonymity" in finding.inner_text() and "Fix:" in finding.inner_text()
    row = page.locator(".check-row", has=finding)
    assert "Two officials said" in row.locator(".check-paragraph").inner_text()  # beside its paragraph
    key = finding.locator(".finding-link").get_attribute("data-finding")
    words = page.locator(f'.flagged[data-findings~="{key}"]')
    assert page.locator(".flagged.lit").count() == 0
    finding.locator(".finding-link").click()
    assert words.count() > 0 and page.locator(".flagged.lit").count() == words.count()
    assert "".join(words.all_inner_texts()) == "Two officials"
    assert page.evaluate(f"document.querySelector('#finding-{key}').classList.contains('lit')")
    lit_background = words.first.locator(".at-mention").evaluate("el => getComputedStyle(el).backgroundColor")
    assert lit_background == "rgb(255, 228, 92)"
    tab.shot("check")
    figure = page.locator(".finding", has_text="FG201").locator(".finding-link")
    figure.focus()
    page.keyboard.press("Enter")  # the keyboard lights another finding, and only that one
    assert "".join(page.locator(".flagged.lit").all_inner_texts()) == "$12 million"
    page.keyboard.press("Escape")
    assert page.locator(".flagged.lit").count() == 0


def test_on_a_phone_nothing_overflows_and_the_card_is_a_bottom_sheet(browser: Any, live_server: str) -> None:
    phone = Tab(browser, live_server, PHONE, touch=True)
    try:
        page = phone.open("/articles/northfield-courier-2024-03-05-red-line")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.locator("#article-text .marker").first.tap()
        card = page.locator("#card")
        card.wait_for(state="visible")
        box = card.bounding_box()
        assert box is not None and abs(box["y"] + box["height"] - PHONE["height"]) < 2
        assert box["width"] >= PHONE["width"] - 1
        phone.shot("phone")
        for path in ("/", "/check", "/sources", "/search?q=red", "/dashboard"):
            phone.open(path)
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    finally:
        phone.close()
