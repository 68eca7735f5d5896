"""Review in the browser, end to end: Debian's Chromium (headless, driven by Playwright) on the
app served by uvicorn with review enabled, over the test articles analysed for real.

A reviewer signs in, and from the keyboard (and the mouse) confirms, rejects, retypes, fixes a
span by selecting words, adds a missing attribution, corrects sources, undoes, and is told in
plain words when another reviewer changed the same field (a 409). Each check is read back from
the REST API too. Screenshots of the review page and of an article under review are saved
under docs/screenshots/ (review.png, review-article.png).

Skipped, with the reason, where /usr/bin/chromium is missing (``.ci/run`` installs it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from accordingto.analyze.analyzer import Analyzer
from accordingto.query import Corpus
from accordingto.serve.app import create_app
from accordingto.serve.review_auth import CSRF_COOKIE, SESSION_COOKIE, ReviewAccess
from tests.serve.test_browser import (
    CHROMIUM,
    LAPTOP,
    SCREENSHOTS,
    Tab,
    add_fixture_articles,
    launch_chromium,
    serve_in_a_thread,
)
from tests.store.builders import Said, build

pytestmark = pytest.mark.browser

TOKEN = "browser-review-token-0123456789"
FERRANTE = "harbor-gazette-2024-03-04-ferrante"
STRIKE = "coast-courier-2024-03-11-port-strike"
RED_LINE = "northfield-courier-2024-03-05-red-line"
CEASEFIRE = "valley-times-2024-04-02-ceasefire"
BORDER = "metro-wire-2024-03-06-border"
INTERVIEW = "harbor-gazette-2024-03-12-ferrante-interview"
#: an article whose text has characters outside the BMP (two UTF-16 units each in JavaScript):
#: offsets of the words after them prove the page counts characters as Python does
EMOJI = "emoji-harbour-note"
#: selects words of the article text (the text of #article-text without its marker buttons), as
#: a reader's drag would, across the pieces the marks cut the text into
SELECT = """([words, occurrence]) => {
  const root = document.getElementById("article-text");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let all = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest(".marker")) continue;
    nodes.push([node, all.length]);
    all += node.data;
  }
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = all.indexOf(words, start + 1);
  if (start < 0) return false;
  const end = start + words.length;
  const at = (pos, isEnd) => {
    for (const [node, offset] of nodes) {
      const size = node.data.length;
      if (pos >= offset && (isEnd ? pos <= offset + size : pos < offset + size)) return [node, pos - offset];
    }
    return null;
  };
  const [startNode, startOffset] = at(start, false);
  const [endNode, endOffset] = at(end, true);
  const range = document.createRange();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}"""


@pytest.fixture(scope="module")
def review_server(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) for browser tests")
    db = tmp_path_factory.mktemp("review-browser") / "review.db"
    with Corpus(db) as corpus:
        add_fixture_articles(corpus, analyzer)
        corpus.add(
            build(
                EMOJI,
                [Said("Mayor Ines Calder 🏛️", "the roads 🚧 were closed"), Said("Tomas Reyna", "the toll was higher")],
                outlet="Harbor Gazette",
                published="2024-03-20",
                title="Harbour note",  # (the screenshot's font has no emoji)
                extra="The ferry 🚢 runs again on Monday, the harbour office said. ",
            )
        )
    yield from serve_in_a_thread(create_app(db, analyzer=analyzer, review=ReviewAccess(TOKEN)))


@pytest.fixture(scope="module")
def browser(review_server: str) -> Iterator[Any]:
    yield from launch_chromium()


@pytest.fixture
def tab(browser: Any, review_server: str) -> Iterator[Tab]:
    opened = Tab(browser, review_server, LAPTOP)
    yield opened
    opened.close()


# ------------------------------------------------------------------ helpers
def api_map(base: str, article_id: str) -> dict[str, Any]:
    response = httpx.get(f"{base}/api/review/articles/{article_id}", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    return dict(response.json())


def api_edit(base: str, path: str, article_id: str, reviewer: str, **fields: Any) -> dict[str, Any]:
    """An edit by another reviewer, through the API with the bearer token (another tool, another desk)."""
    now = api_map(base, article_id)
    body = {"article_id": article_id, "base_revision": now["revision"], "analysis_key": now["analysis_key"], **fields}
    headers = {"Authorization": f"Bearer {TOKEN}", "X-Reviewer": reviewer}
    response = httpx.post(f"{base}/api/review/{path}", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json()["review"])


def attribution(review: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(a for a in review["analysis"]["attributions"] if a["id"] == ident)


def source(review: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(s for s in review["analysis"]["sources"] if s["id"] == ident)


def sign_in(tab: Tab, path: str = "/review", reviewer: str = "Ana Ruiz") -> Any:
    page = tab.open(path)
    page.fill("#reviewer", reviewer)
    page.fill("#token", TOKEN)
    page.click(".rv-sign-in-form button[type=submit]")
    page.wait_for_selector(".rv-signed-in")
    return page


def open_article(tab: Tab, article_id: str, reviewer: str = "Ana Ruiz") -> Any:
    page = sign_in(tab, f"/review/articles/{article_id}", reviewer)
    page.wait_for_selector("#review-workspace .rv-toolbar:not([hidden])")  # the script is running
    return page


def item(page: Any, ident: str) -> Any:
    return page.locator(f'.rv-item[data-item="{ident}"]')


def select(page: Any, words: str, occurrence: int = 0) -> None:
    assert page.evaluate(SELECT, [words, occurrence]), words


def revision(page: Any) -> int:
    return int(page.locator("#review-layout").get_attribute("data-revision"))


def saved(page: Any, before: int) -> None:
    """Wait until the page shows the map of an edit after revision ``before``."""
    page.locator(f'#review-layout:not([data-revision="{before}"])').wait_for()


# ------------------------------------------------------------------ the tests
def test_sign_in_and_see_the_articles_by_review_status(tab: Tab, review_server: str) -> None:
    page = tab.open("/review")
    assert page.locator("#token").get_attribute("type") == "password"
    page.fill("#reviewer", "Ana Ruiz")
    page.fill("#token", "a-wrong-token-of-enough-length")
    page.click(".rv-sign-in-form button[type=submit]")
    assert "The review token is wrong." in page.locator(".alert").inner_text()
    assert page.locator("#token").input_value() == ""  # never written back
    tab.errors = [e for e in tab.errors if "401 (Unauthorized)" not in e]  # the refused sign-in, expected
    page = sign_in(tab)
    assert "/review" in page.url and "token" not in page.url
    assert page.locator(".rv-articles tbody tr").count() == 7
    assert "0 of 7 articles reviewed" in " ".join(page.locator("#review-progress").inner_text().split())
    cookies = {c["name"]: c for c in tab.context.cookies()}
    assert cookies[SESSION_COOKIE]["httpOnly"] and cookies[SESSION_COOKIE]["sameSite"] == "Strict"
    assert not cookies[CSRF_COOKIE]["httpOnly"]
    assert TOKEN not in page.content()
    page.click(f'a[href="/review/articles/{FERRANTE}"]')
    page.wait_for_selector("#review-workspace .rv-toolbar:not([hidden])")
    assert page.locator("#article-title").inner_text() == "Ferrante rules out troop withdrawal before talks"
    assert TOKEN not in page.content()


def test_confirm_reject_and_undo_from_the_keyboard(tab: Tab, review_server: str) -> None:
    page = open_article(tab, STRIKE)
    page.keyboard.press("j")  # the first attribution
    assert "rv-current" in item(page, "A1").get_attribute("class")
    assert page.evaluate("document.activeElement.dataset.item") == "A1"
    page.keyboard.press("c")
    page.locator('.rv-item.rv-confirmed[data-item="A1"]').wait_for()
    assert "Confirmed A1." in page.locator("#review-status").inner_text()
    assert "✓" in page.locator("#marker-A1").evaluate("el => getComputedStyle(el, '::after').content")
    for _ in range(3):
        page.keyboard.press("j")  # A4, "declined to comment": not an attribution
    assert page.evaluate("document.activeElement.dataset.item") == "A4"
    before = revision(page)
    page.keyboard.press("x")
    saved(page, before)
    rejected = item(page, "A4")
    assert "rv-rejected" in rejected.get_attribute("class")
    assert rejected.locator(".rv-content del").inner_text() == "to comment"
    assert page.locator("#marker-A4").count() == 0  # out of the reviewed map's text
    review = api_map(review_server, STRIKE)
    assert review["marks"]["attributions"]["A1"]["status"] == "confirmed"
    assert [r["id"] for r in review["rejected"]] == ["A4"] and review["rejected"] and review["revision"] == 2
    # u: undo my last edit (the rejection)
    page.keyboard.press("u")
    saved(page, 2)
    assert "rv-machine" in item(page, "A4").get_attribute("class")
    assert "Undid edit #" in page.locator("#review-status").inner_text()
    history = page.locator(".rv-history-list .rv-edit")
    assert history.count() == 3 and "rv-state-undone" in history.nth(1).get_attribute("class")
    # and any edit from the history: the confirmation
    page.locator(".rv-history-list .rv-edit[data-edit] button", has_text="Undo").last.click()
    saved(page, 3)
    assert "rv-machine" in item(page, "A1").get_attribute("class")
    assert api_map(review_server, STRIKE)["status"] == "unreviewed"  # every edit undone


def test_fix_a_span_by_selecting_words_and_pressing_s(tab: Tab, review_server: str) -> None:
    page = open_article(tab, FERRANTE)
    item(page, "A5").click()
    select(page, "the figure was probably higher")
    page.keyboard.press("s")
    dialog = page.locator("#review-dialog[open]")
    dialog.wait_for()
    assert "the figure was probably higher" in dialog.locator("[data-slot=selection]").inner_text()
    before = revision(page)
    page.keyboard.press("1")  # its content
    saved(page, before)
    fixed = item(page, "A5")
    assert fixed.locator(".rv-content").inner_text() == "the figure was probably higher"
    assert "and accused the government" in fixed.locator(".rv-was del").inner_text()
    assert "rv-corrected" in fixed.get_attribute("class")
    content = attribution(api_map(review_server, FERRANTE), "A5")["content"]
    text = api_map(review_server, FERRANTE)["analysis"]["article"]["text"]
    start = text.index("the figure was probably higher")
    assert content == [{"start": start, "end": start + 30, "text": "the figure was probably higher"}]
    # the same with the mouse: select the cue across the marks, then the button
    select(page, "Tomas Reyna said")
    fixed.locator('button[data-do="span"]').click()
    page.locator("#review-dialog[open]").wait_for()
    before = revision(page)
    page.locator('#review-dialog [data-choice="cue"]').click()
    saved(page, before)
    assert attribution(api_map(review_server, FERRANTE), "A5")["cue"]["text"] == "Tomas Reyna said"
    assert "<del>said</del>" in item(page, "A5").inner_html()


def test_add_a_missing_attribution_from_selected_words(tab: Tab, review_server: str) -> None:
    page = open_article(tab, FERRANTE)
    select(page, "accused the government of hiding the real cost of the deployment")
    page.keyboard.press("a")
    dialog = page.locator("#review-dialog[open]")
    dialog.wait_for()
    assert dialog.locator("select[name=type]").input_value() == "indirect"
    dialog.locator("select[name=source]").select_option("S4")  # Tomas Reyna
    before = revision(page)
    dialog.locator("button[type=submit]").click()
    saved(page, before)
    added = page.locator(".rv-item.rv-added")
    assert added.count() == 1
    ident = added.get_attribute("data-item")
    assert ident.startswith("RA") and page.evaluate("document.activeElement.dataset.item") == ident
    assert "Tomas Reyna" in added.inner_text()
    assert page.locator(f"#marker-{ident}").count() == 1  # marked in the text
    # its cue: select "accused", s, 2
    select(page, "accused")
    page.keyboard.press("s")
    page.locator("#review-dialog[open]").wait_for()
    before = revision(page)
    page.keyboard.press("2")
    saved(page, before)
    review = api_map(review_server, FERRANTE)
    new = attribution(review, ident)
    assert (new["type"], new["source"], new["cue"]["text"]) == ("indirect", "S4", "accused")
    assert review["marks"]["attributions"][ident]["status"] == "added"


def test_offsets_count_characters_as_python_does(tab: Tab, review_server: str) -> None:
    page = open_article(tab, EMOJI)
    select(page, "the harbour office")
    page.keyboard.press("a")
    page.locator("#review-dialog[open]").wait_for()
    before = revision(page)
    page.locator("#review-dialog button[type=submit]").click()
    saved(page, before)
    review = api_map(review_server, EMOJI)
    text = review["analysis"]["article"]["text"]
    added = next(a for a in review["analysis"]["attributions"] if a["id"].startswith("RA"))
    start = text.index("the harbour office")  # three emoji before it: Python counts one character each
    assert added["content"] == [{"start": start, "end": start + 18, "text": "the harbour office"}]


def test_correct_sources_rename_fields_and_merge(tab: Tab, review_server: str) -> None:
    page = open_article(tab, RED_LINE)
    page.keyboard.press("J")  # the first source, by its first mention: Dalia Ferrante
    assert page.evaluate("document.activeElement.dataset.item") == "S2"
    page.keyboard.press("J")
    page.keyboard.press("K")
    assert page.evaluate("document.activeElement.dataset.item") == "S2"
    page.keyboard.press("f")
    dialog = page.locator("#review-dialog[open]")
    dialog.wait_for()
    assert dialog.locator("input[name=role]").input_value() == "Defense Minister"
    dialog.locator("select[name=gender]").select_option("female")
    dialog.locator("input[name=role]").fill("Minister of Defense")
    before = revision(page)
    dialog.locator("button[type=submit]").click()
    saved(page, before)
    review = api_map(review_server, RED_LINE)
    ferrante = source(review, "S2")
    assert (ferrante["gender"], ferrante["gender_basis"], ferrante["role"]) == ("female", "text", "Minister of Defense")
    assert review["revision"] == before + 2  # one edit per field
    was = item(page, "S2").locator(".rv-was").inner_text()
    assert "gender unknown" in was and "role Defense Minister" in was
    # n: rename S4 ("One of them")
    item(page, "S4").click()
    page.keyboard.press("n")
    page.locator("#review-dialog[open] input[name=name]").fill("one of the Western diplomats")
    before = revision(page)
    page.keyboard.press("Enter")
    saved(page, before)
    assert "<del>One of them</del>" in item(page, "S4").inner_html()
    # m: merge it into S3 (Two Western diplomats)
    page.keyboard.press("m")
    dialog.wait_for()
    dialog.locator("select[name=into]").select_option("S3")
    before = revision(page)
    dialog.locator("button[type=submit]").click()
    saved(page, before)
    review = api_map(review_server, RED_LINE)
    assert review["marks"]["sources"]["S4"]["status"] == "merged"
    assert attribution(review, "A4")["source"] == "S3"
    assert "rv-merged" in item(page, "S4").get_attribute("class")
    assert page.evaluate("document.activeElement.dataset.item") == "S3"
    # r: A1 ("told who") gets its source back as a new one
    item(page, "A1").click()
    page.keyboard.press("r")
    dialog.wait_for()
    assert dialog.locator('[data-needs="selection"]').is_hidden()  # no words selected: no mention to offer
    dialog.locator("select[name=source]").select_option("S2")
    assert dialog.locator("[data-new-source]").is_hidden()
    dialog.locator("select[name=source]").select_option("__new__")
    dialog.locator("input[name=new_name]").fill("Diplomats in Geneva")
    dialog.locator("select[name=new_kind]").select_option("group")
    before = revision(page)
    dialog.locator("button[type=submit]").click()
    saved(page, before)
    review = api_map(review_server, RED_LINE)
    new_source = source(review, attribution(review, "A1")["source"])
    assert (new_source["name"], new_source["kind"]) == ("Diplomats in Geneva", "group")


def test_split_a_source_and_mark_the_article_reviewed(tab: Tab, review_server: str) -> None:
    page = open_article(tab, INTERVIEW)
    item(page, "S1").click()  # Dalia Ferrante: "Defense Minister Dalia Ferrante", "Ferrante", "She"
    page.keyboard.press("p")
    dialog = page.locator("#review-dialog[open]")
    dialog.wait_for()
    boxes = dialog.locator("input[name=mention]")
    assert boxes.count() == 3
    boxes.nth(2).check()
    dialog.locator("input[name=name]").fill("another woman")
    before = revision(page)
    dialog.locator("button[type=submit]").click()
    saved(page, before)
    review = api_map(review_server, INTERVIEW)
    new = next(s for s in review["analysis"]["sources"] if s["id"].startswith("RS"))
    assert (new["name"], [m["text"] for m in new["mentions"]]) == ("another woman", ["She"])
    assert attribution(review, "A4")["source"] == new["id"]  # "She added that...": it went with its mention
    assert page.evaluate("document.activeElement.dataset.item") == new["id"]
    assert "rv-added" in item(page, new["id"]).get_attribute("class")
    page.keyboard.press("Shift+R")  # R: mark the article reviewed
    saved(page, before + 1)
    assert api_map(review_server, INTERVIEW)["status"] == "reviewed"
    assert page.locator('button[data-do="status"]').inner_text().startswith("Back to in progress")
    assert "reviewed" in page.locator(".rv-summary .rv-badge").first.inner_text()


def test_a_conflict_with_another_reviewer_is_said_plainly_and_the_current_values_loaded(
    tab: Tab, review_server: str
) -> None:
    page = open_article(tab, CEASEFIRE)
    assert revision(page) == 0
    # meanwhile Bob, at another desk, makes A2 a direct quote
    api_edit(review_server, "attributions/type", CEASEFIRE, "Bob", attribution="A2", type="direct")
    item(page, "A2").click()
    page.keyboard.press("t")
    page.locator("#review-dialog[open]").wait_for()
    page.keyboard.press("3")  # reported speech, on the map of revision 0
    alert = page.locator("#review-alert")
    alert.wait_for()
    tab.errors = [e for e in tab.errors if "409 (Conflict)" not in e]  # the browser logs the refusal: expected
    said = alert.inner_text()
    assert "Bob changed the type of A2" in said and "your edit was not saved" in said
    assert "now “direct quote”" in said and "make your edit again" in said
    # the page now shows Bob's value and the current revision; nothing of Ana's was stored
    saved(page, 0)
    assert "direct quote" in item(page, "A2").locator(".badge.type").inner_text()
    review = api_map(review_server, CEASEFIRE)
    assert attribution(review, "A2")["type"] == "direct" and review["revision"] == 1
    # seeing it, she makes her edit again: it stands now
    page.locator('#review-alert button[data-do="dismiss"]').click()
    item(page, "A2").click()
    page.keyboard.press("t")
    page.locator("#review-dialog[open]").wait_for()
    page.keyboard.press("2")
    saved(page, 1)
    assert attribution(api_map(review_server, CEASEFIRE), "A2")["type"] == "mixed"
    assert alert.is_hidden()


def test_keys_help_and_the_page_without_javascript(browser: Any, review_server: str, tab: Tab) -> None:
    page = open_article(tab, INTERVIEW)
    page.keyboard.press("?")
    dialog = page.locator("#review-dialog[open]")
    dialog.wait_for()
    assert "next / previous attribution" in dialog.inner_text() and "undo your last edit" in dialog.inner_text()
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    before = revision(page)
    page.keyboard.press("c")  # nothing chosen yet: said, nothing sent
    assert "Choose an attribution first" in page.locator("#review-status").inner_text()
    assert revision(page) == before == api_map(review_server, INTERVIEW)["revision"]
    api_edit(review_server, "attributions/reject", INTERVIEW, "Bob", attribution="A1")
    context = browser.new_context(viewport=LAPTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{review_server}/review/articles/{INTERVIEW}")
        page.fill("#reviewer", "Ana Ruiz")
        page.fill("#token", TOKEN)
        page.click(".rv-sign-in-form button[type=submit]")  # the form works without the script
        page.wait_for_selector(".rv-signed-in")
        assert "rv-rejected" in item(page, "A1").get_attribute("class")  # the reviewed map, read-only
        assert item(page, "A1").locator(".rv-content del").count() == 1
        newest = page.locator(".rv-history-list .rv-edit").first
        assert "rejected A1: not an attribution" in newest.inner_text() and "Bob" in newest.inner_text()
        assert page.locator("[data-do]").count() > 20
        assert page.locator("[data-do]:visible").count() == 0  # no control without the script
        assert page.locator("#review-keys").is_visible()  # the keys are documented on the page
    finally:
        context.close()


def test_screenshots_of_the_review_page_and_an_article_under_review(tab: Tab, review_server: str) -> None:
    api_edit(review_server, "attributions/confirm", BORDER, "Omar Haddad", attribution="A3")
    api_edit(review_server, "attributions/confirm", BORDER, "Omar Haddad", attribution="A4")
    api_edit(review_server, "articles/status", BORDER, "Omar Haddad", status="reviewed")
    if attribution(api_map(review_server, FERRANTE), "A5")["content"][0]["text"] != "the figure was probably higher":
        text = api_map(review_server, FERRANTE)["analysis"]["article"]["text"]
        start = text.index("the figure was probably higher")
        trimmed = {"start": start, "end": start + 30, "text": "the figure was probably higher"}
        api_edit(
            review_server,
            "attributions/span",
            FERRANTE,
            "Omar Haddad",
            attribution="A5",
            role="content",
            spans=[trimmed],
        )
    page = open_article(tab, FERRANTE)
    item(page, "A1").click()
    page.keyboard.press("c")
    page.locator('.rv-item.rv-confirmed[data-item="A1"]').wait_for()
    item(page, "S3").click()
    page.keyboard.press("n")
    page.locator("#review-dialog[open] input[name=name]").fill("the Interior Ministry")
    before = revision(page)
    page.keyboard.press("Enter")
    saved(page, before)
    for _ in range(5):
        page.keyboard.press("j")  # A5, its content corrected
    assert page.evaluate("document.activeElement.dataset.item") == "A5"
    page.mouse.move(0, 0)
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("#review-status").evaluate("el => el.textContent = ''")
    tab.shot("review-article")
    page = tab.open("/review")
    statuses = page.locator(".rv-articles tbody .rv-badge").all_inner_texts()
    assert any("reviewed" in s for s in statuses) and any("in progress" in s for s in statuses)
    tab.shot("review")
    assert (SCREENSHOTS / "review.png").stat().st_size > 10_000
    assert (SCREENSHOTS / "review-article.png").stat().st_size > 10_000
