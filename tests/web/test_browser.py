"""End to end: `python app.py` on the tiny models, driven by Debian's chromium
(Playwright) and by `gradio_client`.

The app runs as a subprocess on a free port of 127.0.0.1. The browser pastes the
first exchanges of the 2023-12-28 transcript, makes the English brief, checks the
quotes table and the highlighted transcript, downloads the JSON, and saves a
screenshot of the result page under ``test-artifacts/``. Two requests at once through
the API both complete and return the same JSON as the browser's download.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

from hostile import HOSTILE, hostile_transcript
from summarizer.output.wording import NATIVE_NAMES as NATIVE
from summarizer.web.texts import MESSAGES as MESSAGE_WORDS
from summarizer.web.texts import UI as UI_WORDS
from support import REPO, free_port, wait_until_up
SEED = REPO / "seeds" / "2023-12-28.web.txt"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
BRIEF_TIMEOUT_MS = 90_000


# ---------------------------------------------------------------- the app


@pytest.fixture(scope="module")
def app_url(tiny_models_dir, tmp_path_factory):
    """`python app.py` on a free port, with the tiny models, offline; always stopped."""
    port = free_port()
    log = tmp_path_factory.mktemp("app") / "app.log"
    env = {**os.environ, "SUMMARIZER_MODELS_DIR": str(tiny_models_dir), "HF_HUB_OFFLINE": "1",
           "GRADIO_ANALYTICS_ENABLED": "False", "SUMMARIZER_UI_CONCURRENCY": "2"}
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)],
                                cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def short_text(seed_text) -> str:
    """The seed's first exchanges (a quarter of it): every brief here is made of it, once per request."""
    return seed_text[:seed_text.index("\n\n", 12_000)]


def _comparable(data: dict) -> dict:
    data = json.loads(json.dumps(data, ensure_ascii=False))
    data["provenance"].pop("seconds", None)
    return data


def _check_brief(data: dict) -> None:
    assert data["source_lang"] == "es" and data["target_lang"] == "en"
    assert data["mode"] == "chat"  # auto: the tiny chat model is installed
    assert len(data["quotes"]) == 5
    assert {q["speaker"]["display"] for q in data["quotes"]} == {"López Obrador"}


# ---------------------------------------------------------------- the browser


@pytest.fixture(scope="module")
def playwright():
    if not CHROMIUM.is_file():
        pytest.fail("/usr/bin/chromium is missing: install Debian's chromium first "
                    "(`make browser-deps`, or `apt-get install -y chromium chromium-driver`)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="module")
def browser_context(playwright, tmp_path_factory):
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("chromium-profile")),
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
        accept_downloads=True, viewport={"width": 1400, "height": 1000},
    )
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="module")
def browser_brief(app_url, browser_context, short_text):
    """The seed's first exchanges pasted, the English brief made in the browser: ``(page, downloaded JSON)``."""
    page = browser_context.new_page()
    page.set_default_timeout(30_000)
    page.goto(app_url)
    page.wait_for_selector("#model-status p")  # the models note: the page is live
    assert page.locator("#target input[value='en']").is_checked()  # models here: English by default

    page.locator("#transcript-input textarea").fill(short_text)
    page.locator("#run").click()
    page.wait_for_selector("#brief h1", timeout=BRIEF_TIMEOUT_MS)
    page.wait_for_function("() => !document.querySelector('#download-json').disabled")
    with page.expect_download() as download:
        page.locator("#download-json").click()
    assert download.value.suggested_filename == "brief-2023-12-28-en.json"
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    yield page, data
    page.close()


def test_brief_in_a_real_browser(browser_brief):
    page, data = browser_brief
    _check_brief(data)  # the JSON download parses: López Obrador speaks every quote
    assert page.locator("#brief h1").inner_text().startswith("Brief:")
    assert "Mode: chat" in page.locator("#mode-note").inner_text()
    with page.expect_download() as download:
        page.locator("#download-md").click()
    assert Path(download.value.path()).read_text(encoding="utf-8").startswith("# Brief:")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-brief.png"), full_page=True)

    # Quotes side by side: speaker, translation, original; López Obrador speaks them all.
    page.get_by_role("tab", name="Quotes").click()
    table = page.locator("#quotes-table table")
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["Speaker", "Translation (English)", "Original (Spanish)"]
    rows = table.locator("tbody tr")
    assert rows.count() == 5
    for i, quote in enumerate(data["quotes"]):
        speaker, translation, original = rows.nth(i).locator("td").all_inner_texts()
        assert speaker.startswith("López Obrador")
        assert original == " ".join(quote["original"].split())
    page.screenshot(path=str(ARTIFACTS / "ui-quotes.png"), full_page=True)

    # The transcript, quoted spans highlighted, the speaker in the legend.
    page.get_by_role("tab", name="Transcript").click()
    view = page.locator("#transcript-view")
    assert view.locator("[data-testid='highlighted-text:category-legend']").inner_text().strip() == "López Obrador"
    highlighted = " ".join(" ".join(view.locator(".token.highlighted").all_inner_texts()).split())
    assert all(" ".join(q["original"].split()) in highlighted for q in data["quotes"])
    page.screenshot(path=str(ARTIFACTS / "ui-transcript.png"))

    page.get_by_role("tab", name="Participants").click()
    assert "Andrés Manuel López Obrador" in page.locator("#participants-table").inner_text()
    # no header is split mid-word ("Turn/os") at 1400 px: each header's text is one line box
    lines = page.evaluate("""() => [...document.querySelectorAll('#participants-table th')].map(th => {
        const range = document.createRange(); range.selectNodeContents(th);
        return [th.innerText, new Set([...range.getClientRects()].map(r => Math.round(r.top))).size]; })""")
    assert lines and all(count <= 1 for _, count in lines), lines

    # The questions in their own tab, in the order asked; the brief as a Word document.
    page.get_by_role("tab", name="Questions").click()
    questions = page.locator("#questions").inner_text()
    assert len(data["questions"]) >= 1 and data["questions"][0]["asker"] in questions
    page.get_by_role("tab", name="Brief").click()
    with page.expect_download() as download:
        page.locator("#download-docx").click()
    assert download.value.suggested_filename == "brief-2023-12-28-en.docx"
    assert Path(download.value.path()).read_bytes()[:2] == b"PK"


def test_an_error_is_a_readable_message(app_url, browser_context):
    page = browser_context.new_page()
    page.goto(app_url)
    page.wait_for_selector("#model-status p")
    page.locator("#run").click()  # nothing pasted
    toast = page.get_by_text("the transcript is empty: paste or load the text of a transcript")
    toast.wait_for(timeout=30_000)
    assert "Traceback" not in page.content()
    page.close()


def test_upload_and_examples_fill_the_paste_box(app_url, browser_context, tmp_path, seed_text):
    page = browser_context.new_page()
    page.goto(app_url)
    page.wait_for_selector("#model-status p")
    box = page.locator("#transcript-input textarea")

    html_page = tmp_path / "estenografica.html"
    html_page.write_text("<html><body><p><strong>PRESIDENTE ANDR&Eacute;S MANUEL L&Oacute;PEZ OBRADOR:</strong> "
                         "Buenos d&iacute;as.</p><p>Vamos a Acapulco.</p></body></html>", encoding="utf-8")
    page.locator("#transcript-file input[type=file]").set_input_files(str(html_page))
    page.wait_for_function("() => document.querySelector('#transcript-input textarea').value.length > 0")
    assert box.input_value() == "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días.\n\nVamos a Acapulco."

    page.get_by_role("button", name="28 Dec 2023 — as copied from gob.mx").click()
    page.wait_for_function("() => document.querySelector('#transcript-input textarea').value.length > 40000")
    assert box.input_value() == seed_text
    page.close()


def test_a_transcripts_markup_stays_text_in_the_page(app_url, browser_context):
    """Tags, emphasis and links typed in a transcript are shown as typed, in every tab: no
    element of the transcript's exists in the page (not even a link made of a bare address),
    and its image is never fetched."""
    page = browser_context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(app_url)
    page.wait_for_selector("#model-status p")
    page.locator("#transcript-input textarea").fill(hostile_transcript())
    page.locator("#target").get_by_text("Spanish", exact=True).click()
    page.locator("#mode").get_by_text("extractive", exact=True).click()
    page.locator("#run").click()
    page.wait_for_selector("#brief h1", timeout=BRIEF_TIMEOUT_MS)
    assert page.locator("#brief h1").inner_text().endswith("de 2023 " + HOSTILE)
    page.get_by_role("tab", name="Quotes").click()
    page.locator("#quotes-table table").wait_for()
    page.get_by_role("tab", name="Questions").click()
    assert HOSTILE in page.locator("#questions").inner_text()
    for where in ("#brief", "#quotes-table", "#questions"):
        assert page.locator(f"{where} img, {where} svg, {where} a").count() == 0, where
        # the brief's own bold is its stories' labels; the transcript's '**negritas**' is never bold
        assert "negritas" not in page.locator(f"{where} strong").all_inner_texts(), where
    assert page.locator("img[src*=pwned], svg[onload], .katex").count() == 0
    assert not [url for url in requested if "pwned" in url or "x.test" in url]
    page.close()


def test_a_chat_brief_shows_at_once_then_fills_in(app_url, browser_context):
    """The test corpus's median transcript (2021-01-18, 11,894 words) in mode chat: the
    extractive brief is in the page within 2 s of the click while the chat model's lines are
    still to come, then the chat brief takes its place."""
    text = (REPO / "tests" / "data" / "2021-01-18.web.txt").read_text(encoding="utf-8")
    page = browser_context.new_page()
    page.goto(app_url)
    page.wait_for_selector("#model-status p")
    page.locator("#transcript-input textarea").fill(text)
    page.locator("#target").get_by_text("Spanish", exact=True).click()
    page.locator("#mode").get_by_text("chat", exact=True).click()
    started = time.monotonic()
    page.locator("#run").click()
    page.wait_for_selector("#brief h1", timeout=BRIEF_TIMEOUT_MS)
    shown = time.monotonic() - started
    assert "the chat model is writing the lines" in page.locator("#mode-note").inner_text()
    assert "extractivo (cada línea es una frase" in page.locator("#brief").inner_text()
    assert shown <= 2.0, f"the first content took {shown:.1f} s"
    page.wait_for_function("() => document.querySelector('#brief').innerText.includes('chat (líneas escritas')",
                           timeout=BRIEF_TIMEOUT_MS)
    assert "writing the lines" not in page.locator("#mode-note").inner_text()
    page.close()


def test_a_spanish_browser_gets_a_spanish_page(app_url, playwright):
    """A browser set to Spanish: the page's words, the models note, the examples and the
    messages are Spanish (the brief is in the language chosen for it)."""
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    try:
        page = browser.new_page(locale="es-MX", viewport={"width": 1400, "height": 1000})
        page.goto(app_url)
        page.wait_for_selector("#model-status p")
        assert page.locator("#run").inner_text().strip() == "Hacer el resumen"
        assert page.locator("#page-language input[value='es']").is_checked()
        assert page.get_by_role("tab", name="Citas").count() == 1
        assert "modelos de prueba diminutos y aleatorios" in page.locator("#model-status").inner_text()
        page.get_by_role("button", name="28 dic 2023 — copiada de gob.mx").wait_for()
        page.locator("#run").click()  # nothing pasted: the message is in Spanish too
        page.get_by_text("la transcripción está vacía").wait_for(timeout=30_000)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "ui-spanish.png"), full_page=True)
    finally:
        browser.close()


LOCALES = {"en": "en-US", "es": "es-MX"}
GRADIO_WORDS = {  # Gradio's own words on this page, in its own translations
    "en": ("Drop File Here", "Click to Upload", "Use via API", "Built with Gradio", "Settings"),
    "es": ("Coloque el archivo aquí", "Haga clic para cargar", "Usar vía API", "Construido con Gradio"),
}
RESULTS = ("#brief", "#quotes-table", "#questions", "#transcript-view", "#participants-table")
"""The brief's own words, in the brief's language (not the page's)."""


def _words(lang: str) -> tuple[set[str], set[str]]:
    """The page's words in ``lang`` that are not the same in the other language: short ones
    (a line of the page: "Mode") and phrases of three words or more (found anywhere)."""
    from summarizer.output.wording import NATIVE_NAMES
    from summarizer.web.texts import MESSAGES, UI

    def pieces(code: str) -> set[str]:
        found = set(GRADIO_WORDS[code])
        for text in [*UI[code].values(), *MESSAGES[code].values()]:
            found.update(p.strip(" .:;,()…") for p in re.split(r"\{[^}]*\}|\*\*|`|\n|#|\(|\)|:", text))
        return {p for p in found if p}

    other = "es" if lang == "en" else "en"
    own = pieces(lang) - pieces(other) - set(NATIVE_NAMES.values())  # the language control's names are native
    return {p for p in own if len(p.split()) < 3}, {p for p in own if len(p.split()) >= 3}


def _stray_words(page, lang: str) -> list[str]:
    """Words of the other language on the page (the results aside: they are the brief's;
    toasts too: each is said once, in the page's language then, and checked when it comes)."""
    text = page.evaluate("""(results) => {
        const hidden = results.map((id) => document.querySelector(id)).filter(Boolean);
        hidden.forEach((element) => { element.dataset.display = element.style.display; element.style.display = "none"; });
        const text = document.body.innerText;
        hidden.forEach((element) => { element.style.display = element.dataset.display; });
        return text; }""", [*RESULTS, ".toast-wrap"])
    lines = {line.strip(" .:;,()…") for line in text.splitlines()}
    short, phrases = _words("es" if lang == "en" else "en")
    flat = " ".join(text.split())
    return sorted(short & lines) + sorted(p for p in phrases if " ".join(p.split()) in flat)


def _in_language(page, lang: str) -> None:
    page.wait_for_function("(lang) => document.documentElement.lang === lang", arg=lang)
    words = {"en": "Make the brief", "es": "Hacer el resumen"}
    page.wait_for_function("(word) => document.querySelector('#run')?.innerText.trim() === word", arg=words[lang])
    note = {"en": "tiny random test models", "es": "modelos de prueba diminutos y aleatorios"}[lang]
    page.wait_for_function("(note) => (document.querySelector('#model-status')?.innerText || '').includes(note)", arg=note)
    page.wait_for_function("(lang) => document.querySelector('#page-language input[value=' + lang + ']')?.checked",
                           arg=lang)
    page.wait_for_function("(title) => document.title === title", arg=UI_WORDS[lang]["title"])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_page_is_in_one_language_which_its_control_switches_and_keeps(app_url, playwright, short_text, lang):
    """In a browser set to the other language: the control switches every word of the page
    (Gradio's too) in place, the toasts and notes follow; a reload keeps the language (a
    cookie), so does the address (``?lang=``) in a browser that has none; switching back
    with a brief on the page leaves the brief as it is, its mode note in the page's language."""
    other = "es" if lang == "en" else "en"
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    try:
        context = browser.new_context(locale=LOCALES[other], viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(app_url)
        _in_language(page, other)
        page.locator("#page-language").get_by_text(NATIVE[lang], exact=True).click()
        _in_language(page, lang)
        page.locator("#page-language").get_by_text(NATIVE[lang], exact=True).wait_for()
        page.get_by_text(UI_WORDS[lang]["models"], exact=True).click()  # the models' fields are seen too
        page.get_by_text(UI_WORDS[lang]["model_info"]).first.wait_for()
        assert _stray_words(page, lang) == []
        assert page.url.endswith(f"?lang={lang}")

        # a brief in the page's language: its warning toast, the mode note, in it
        page.locator("#transcript-input textarea").fill(short_text)
        page.locator("#target").get_by_text(UI_WORDS[lang][f"lang_{lang}"], exact=True).click()
        page.locator("#mode").get_by_text(UI_WORDS[lang]["extractive"], exact=True).click()
        page.locator("#run").click()
        page.wait_for_selector("#brief h1", timeout=BRIEF_TIMEOUT_MS)
        toast = page.locator(".toast-body").filter(has_text={"en": "far fewer", "es": "muchas menos"}[lang])
        toast.wait_for(timeout=30_000)
        # Gradio titles a toast with its kind in English ("Warning"), drawn over in the page's language
        title = toast.locator(".toast-title").evaluate("(e) => [getComputedStyle(e).fontSize, "
                                                       "getComputedStyle(e, '::before').content]")
        assert title == ["0px", f'"{MESSAGE_WORDS[lang]["warning_title"]}"']
        mode = {"en": "Mode: extractive", "es": "Modo: extractivo"}
        assert page.locator("#mode-note").inner_text().startswith(mode[lang])
        assert _stray_words(page, lang) == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"ui-language-{lang}.png"), full_page=True)

        # switched back with the brief on the page: the brief stays, the page's words go
        brief = page.locator("#brief").inner_text()
        page.locator("#page-language").get_by_text(NATIVE[other], exact=True).click()
        _in_language(page, other)
        page.wait_for_function("(mode) => document.querySelector('#mode-note').innerText.startsWith(mode)",
                               arg=mode[other])
        assert page.locator("#brief").inner_text() == brief
        assert _stray_words(page, other) == []

        # kept: a reload (the cookie), the address in a browser that has no cookie
        page.reload()
        _in_language(page, other)
        assert _stray_words(page, other) == []
        fresh = browser.new_context(locale=LOCALES[other]).new_page()
        fresh.goto(f"{app_url}?lang={lang}")
        _in_language(fresh, lang)
        assert _stray_words(fresh, lang) == []
    finally:
        browser.close()


# ---------------------------------------------------------------- the API


def _client_brief(url: str, text: str, downloads: Path, quotes: int = 5) -> dict:
    from gradio_client import Client
    from summarizer.web.app import model_choices

    client = Client(url, verbose=False, download_files=str(downloads))  # not the shared /tmp/gradio
    result = client.predict(
        text, "en", "auto", quotes,
        model_choices("summarize")[0], model_choices("translate", "es", "en")[0],
        model_choices("translate", "en", "es")[0], "auto",
        api_name="/summarize",
    )
    brief_md, mode_note, quotes_md, transcript, participants, md_path, json_path, questions, docx_path = result
    assert brief_md.startswith("# Brief:")
    assert Path(md_path).read_text(encoding="utf-8").strip() == brief_md.strip()
    assert Path(docx_path).read_bytes()[:2] == b"PK"  # a Word document (a ZIP package)
    return json.loads(Path(json_path).read_text(encoding="utf-8"))


def test_two_requests_at_once_both_complete(app_url, short_text, browser_brief, tmp_path, monkeypatch):
    """Two English briefs at once through the API: both complete, with the same JSON as
    the browser's download, though they share the models."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # gradio_client leaves an empty folder per download there
    text = short_text
    results: dict[int, dict] = {}
    seconds: dict[int, float] = {}
    errors: list[BaseException] = []

    def one(i: int) -> None:
        start = time.perf_counter()
        try:
            results[i] = _client_brief(app_url, text, tmp_path / f"downloads-{i}")
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        seconds[i] = round(time.perf_counter() - start, 1)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not errors, errors
    assert sorted(results) == [0, 1]
    _check_brief(results[0])
    assert _comparable(results[0]) == _comparable(results[1]) == _comparable(browser_brief[1])
    assert results[0]["quotes"] and {q["speaker"]["display"] for q in results[0]["quotes"]} == {"López Obrador"}
    print(f"two concurrent briefs took {seconds[0]} s and {seconds[1]} s")
