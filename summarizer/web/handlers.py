"""The web app's handlers: plain functions over the public API, testable without a browser.

* `load_file(path, ui_lang)` → the text of an uploaded .txt / .md / .html / .docx / .pdf file (the
  upload is deleted once read, rejected or not, a file of another type too);
* `load_url(url, ui_lang)` → the text of the page at a public http(s) address (`fetch.from_url`);
* `make_brief(text, target, mode, quotes, models…, backend, ui_lang)` → what the result
  components show (`briefs`: a large transcript's brief in a process of its own), and its
  mode note in each language the page speaks (for `switch_language`); every error of the
  package becomes a `gr.Error` whose message says what to do;
* `stream_brief(…)`, what the page runs: when a model will write the lines, first the
  extractive brief (in a second or two: stories, quotes, questions), then the brief with
  the written lines in its place;
* `clear_results()` → empty results, shown while a brief is made (an error never sits
  under the previous brief);
* `pick_example(text)` → the example and the brief language that works on this machine;
* `model_status(ui_lang)` → the target language to start with, and a note on the models here;
* `switch_language(ui_lang, mode_notes)` → what the server wrote on the page, said again
  in the language the visitor chose: the models note, the examples' labels, the tabs, the
  mode note.

Messages are in the page's language (`texts.pick_language`): the ``ui_lang`` the page
sends (its language control), else its cookie, else the request's ``Accept-Language``.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from http.cookies import CookieError, SimpleCookie
from pathlib import Path

import gradio as gr

from ..errors import ModelNotAvailableError, SummarizerError
from ..models import is_tiny, spec_for
from ..notes import Note
from ..parse.completeness import INCOMPLETE
from ..parse.decode import read_text
from ..parse.language import detect_language
from ..settings import PROJECT_ROOT, speaking_to, ui_allow_model_paths, ui_max_bytes
from ..summarize import SummaryOptions
from .briefs import maker
from .choices import UnknownModel, resolve_choice, server_models
from .storage import discard, storage
from .texts import COOKIE, MESSAGES, UI, pick_language, say
from .views import error_html

logger = logging.getLogger("summarizer")

UPLOAD_TYPES = [".txt", ".md", ".html", ".htm", ".docx", ".pdf"]
OUTPUTS = 10
"""make_brief's outputs: brief, mode note, quotes, transcript, participants, two downloads
(Markdown, JSON), the questions, the Word download; and the mode note in each language the
page speaks (a `gr.State`, which the API leaves out)."""
SEEDS = PROJECT_ROOT / "seeds"
EXAMPLES = (
    ("2023-12-28.web.txt", "example_web"),
    ("2023-12-28.native.txt", "example_native"),
    ("2023-12-28-news-article.txt", "example_article"),
)
"""The examples under ``seeds/``: a file, and the key of its label in `texts.UI`."""
TABS = ("tab_brief", "tab_quotes", "tab_questions", "tab_transcript", "tab_participants")
"""The result tabs' labels (`texts.UI` keys), in the page's order."""


def language_of(request: gr.Request | None, hint: str | None = None) -> str:
    """The page's language for this request: ``hint`` (what the page sent), else its cookie,
    else its ``Accept-Language``."""
    headers = getattr(request, "headers", None) or {}
    cookie = None
    try:
        morsel = SimpleCookie(headers.get("cookie") or "").get(COOKIE)
        cookie = morsel.value if morsel else None
    except CookieError:  # a malformed cookie header: the browser's languages decide
        pass
    return pick_language(hint, headers.get("accept-language"), cookie)


@contextmanager
def user_errors(lang: str = "en"):
    """Show the package's errors as `gr.Error` (a readable message, never a traceback)."""
    try:
        with speaking_to("web"):
            yield
    except gr.Error:
        raise
    except ModelNotAvailableError as exc:
        raise gr.Error(error_html(exc.render(lang), code=True), title=say(lang, "no_model_title"), duration=None,
                       print_exception=False) from None
    except SummarizerError as exc:
        raise gr.Error(error_html(exc.render(lang), code=True), title=say(lang, "cannot_title"),
                       print_exception=False) from None
    except Exception as exc:  # the UI boundary: log the traceback, show the user one line
        logger.exception("unexpected error in the web UI")
        raise gr.Error(error_html(say(lang, "unexpected", error=f"{type(exc).__name__}: {exc}")),
                       title=say(lang, "unexpected_title"), print_exception=False) from None


def _check_size(size: int, lang: str, limit: int | None = None, what: str = "the_transcript") -> None:
    limit = ui_max_bytes() if limit is None else limit
    if size > limit:
        raise gr.Error(say(lang, "too_large", what=say(lang, what), size=size, limit=limit),
                       title=say(lang, "too_large_title"), print_exception=False)


def _check_type(file: Path, lang: str) -> None:
    if file.suffix.lower() not in UPLOAD_TYPES:
        raise gr.Error(error_html(say(lang, "wrong_type", name=file.name, types=", ".join(UPLOAD_TYPES))),
                       title=say(lang, "wrong_type_title"), print_exception=False)


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


# ---------------------------------------------------------------- handlers


def load_file(path: str | None, ui_lang: str = "", request: gr.Request = None):
    """The text of an uploaded file (an HTML page reduced to its paragraphs, a .docx or a
    PDF to its text), and the upload field emptied: the file is deleted once read, or at
    once when it is refused (a type other than `UPLOAD_TYPES`, too large, not text).

    A saved web page is several times the size of its text, so the file itself may be up
    to ten times the limit; its text may not.
    """
    if not path:
        return gr.skip(), gr.skip()
    lang = language_of(request, ui_lang)
    file = Path(path)
    try:
        _check_type(file, lang)
        _check_size(file.stat().st_size, lang, 10 * ui_max_bytes(), "the_file")
        with user_errors(lang):
            decoded = read_text(file.read_bytes(), max_bytes=10 * ui_max_bytes(),
                                html=file.suffix.lower() in (".html", ".htm"))
        _check_size(_utf8_size(decoded.text), lang)
        for note in decoded.notes:
            warn(note.render(lang), lang)
    finally:
        discard(path)
        storage().prune()
    return decoded.text, None


PUBLIC_ONLY = True
"""Read only public addresses for a visitor: a server must not fetch its own network's pages
(loopback, private, link-local, reserved) on anyone's behalf. Tests turn it off to read a
local server."""


def load_url(url: str, ui_lang: str = "", request: gr.Request = None):
    """The text of the page at ``url`` for the paste box (an HTML page reduced to its
    paragraphs, a PDF to its text), and the address box emptied; what the reading noticed
    in toasts."""
    from ..fetch import from_url

    if not (url or "").strip():
        return gr.skip(), gr.skip()
    lang = language_of(request, ui_lang)
    limit = 10 * ui_max_bytes()
    with user_errors(lang):
        page = from_url(url.strip(), max_bytes=limit, public_only=PUBLIC_ONLY)
        decoded = page.decoded(limit)
    _check_size(_utf8_size(decoded.text), lang)
    for note in decoded.notes:
        warn(note.render(lang), lang)
    return decoded.text, ""


def make_brief(text: str, target: str = "en", mode: str = "auto", quotes: float = 5,
               summarize_model: str | None = None, es_en_model: str | None = None,
               en_es_model: str | None = None, backend: str | None = None, ui_lang: str = "",
               request: gr.Request = None, progress=gr.Progress(), quick: bool = False):
    """Make a brief; return the brief, the mode note (in the page's language), the quotes,
    the highlighted transcript, the participants, the Markdown and JSON downloads, the
    questions and the Word download, and the mode note in each language. A transcript that
    looks incomplete (cut short, a page printed twice, no questions, far shorter than
    usual) is also said in a warning toast. ``quick``: the brief
    shown first while a model writes (`stream_brief`): no downloads, no highlighted
    transcript (None in their places), no toast."""
    lang = language_of(request, ui_lang)
    text = text or ""
    _check_size(_utf8_size(text), lang)

    def report(stage: str, done: int, total: int) -> None:
        progress((done, total) if total else 0, desc=say(lang, f"stage_{stage}") if stage in _STAGES else stage)

    options = SummaryOptions(quotes=int(quotes), mode=mode, backend=backend or None,
                             **_models(lang, summarize_model, es_en_model, en_es_model))
    with user_errors(lang):
        try:  # a large transcript in a process of its own: out of the other requests' way
            made = maker(_utf8_size(text))(text, target, options, storage().request_folder(), report, quick)
        except ModelNotAvailableError as exc:
            hint = _model_hint(lang, getattr(exc, "language", target), target, mode)
            raise ModelNotAvailableError(exc.render(lang) + hint) from None
    for note in made.notes if not quick else ():
        if note["code"] in INCOMPLETE:
            warn(Note(note["code"], **note["params"]).render(lang), lang)
    return (made.outputs[0], made.mode_notes[lang], *made.outputs[2:], made.mode_notes)


def warn(message: str, lang: str) -> None:
    """A warning toast, its title in the page's language too."""
    gr.Warning(error_html(message), title=say(lang, "warning_title"))


_STAGES = ("parse", "select", "translate", "summarize", "compose")


def stream_brief(text: str, target: str = "en", mode: str = "auto", quotes: float = 5,
                 summarize_model: str | None = None, es_en_model: str | None = None,
                 en_es_model: str | None = None, backend: str | None = None, ui_lang: str = "",
                 request: gr.Request = None, progress=gr.Progress()):
    """`make_brief`, shown at once: when a model writes the lines (mode chat or abstractive,
    or auto with one of their models here), the extractive brief comes first, its mode note
    saying that the written lines are on their way, then the finished brief."""
    lang = language_of(request, ui_lang)
    models = server_models()
    writes = mode in ("chat", "abstractive") or (mode == "auto" and (models.available("chat")
                                                                     or models.available("summarize")))
    if writes and text and text.strip():
        first = make_brief(text, target, "extractive", quotes, summarize_model, es_en_model, en_es_model, backend,
                           ui_lang, request, progress, quick=True)
        coming = {code: say(code, "lines_coming", mode=say(code, f"mode_{mode}")) for code in MESSAGES}
        yield (first[0], coming[lang], *first[2:-1], coming)
    yield make_brief(text, target, mode, quotes, summarize_model, es_en_model, en_es_model, backend, ui_lang,
                     request, progress)


def _models(lang: str, summarize_model, es_en_model, en_es_model) -> dict:
    """The model fields' values as `SummaryOptions` fields; a value this server does not offer is refused."""
    fields = (("summarize_model", summarize_model, "summarize", None, None),
              ("es_en_model", es_en_model, "translate", "es", "en"),
              ("en_es_model", en_es_model, "translate", "en", "es"))
    chosen = {}
    for field, value, task, source, target in fields:
        try:
            chosen[field] = resolve_choice(value, task, source, target, allow_paths=ui_allow_model_paths())
        except UnknownModel as exc:
            raise gr.Error(error_html(say(lang, "unknown_model", value=str(exc)[:200])),
                           title=say(lang, "unknown_model_title"), print_exception=False) from None
    return chosen


def _model_hint(lang: str, source: str, target: str, mode: str) -> str:
    """What this page offers when a model is missing, added to the error message."""
    ways = []
    if source != target:
        ways.append(say(lang, "hint_language", language=UI[lang].get(f"lang_{source}", source)))
    if mode == "abstractive":
        ways.append(say(lang, "hint_auto"))
    ways.append(say(lang, "hint_install"))
    return say(lang, "hint", ways="; ".join(ways))


def clear_results():
    """Empty results (and downloads disabled) while a brief is being made."""
    def off():
        return gr.DownloadButton(value=None, interactive=False)

    return "", "", "", None, "", off(), off(), "", off(), {}


def enable_downloads():
    return gr.DownloadButton(interactive=True), gr.DownloadButton(interactive=True), \
        gr.DownloadButton(interactive=True)


def pick_example(text: str):
    """An example and the brief language that works here: the transcript's own language
    (no model needed) unless the model into the other one is installed."""
    source = detect_language(text[:6000])
    other = "en" if source == "es" else "es"
    return text, other if server_models().available("translate", source, other) else source


def model_status(ui_lang: str = "", request: gr.Request = None):
    """The target language to start with, and a note on the models this machine has."""
    lang = language_of(request, ui_lang)
    with user_errors(lang):
        found = {key: _where(*need) for key, need in _NEEDS.items()}
    present = {key: where is not None for key, where in found.items()}
    tiny = [key for key, where in found.items() if where is not None and is_tiny(where.path)]
    if all(present.values()):
        note = say(lang, "all_tiny") if len(tiny) == len(found) else say(lang, "all_models")
        if tiny and len(tiny) < len(found):
            note += say(lang, "some_tiny", names=", ".join(say(lang, f"{k}_name") for k in tiny))
        return gr.skip(), note
    have = [say(lang, f"{k}_name") for k, ok in present.items() if ok]
    missing = [say(lang, f"{k}_name") for k, ok in present.items() if not ok]
    note = say(lang, "missing", missing=", ".join(missing), have=", ".join(have) or say(lang, "none"))
    if tiny:
        note += say(lang, "some_tiny", names=", ".join(say(lang, f"{k}_name") for k in tiny))
    if not present["summarizer"]:
        note += say(lang, "no_summarizer")
    if present["es_en"]:
        return gr.skip(), note
    return "es", note + say(lang, "starts_spanish")


_NEEDS = {"es_en": ("translate", "es", "en"), "en_es": ("translate", "en", "es"), "summarizer": ("summarize", None, None)}


def _where(task: str, source: str | None, target: str | None):
    return server_models().locate(spec_for(task, source=source, target=target))


def example_labels(ui_lang: str = "", request: gr.Request = None) -> gr.Dataset:
    """The examples' labels in the page's language (they are data to Gradio, not page words)."""
    lang = language_of(request, ui_lang)
    return gr.Dataset(sample_labels=[UI[lang][key] for _, key in found_examples()])


def found_examples() -> list[tuple[Path, str]]:
    """`EXAMPLES` whose file is here."""
    return [(SEEDS / name, key) for name, key in EXAMPLES if (SEEDS / name).is_file()]


def switch_language(ui_lang: str, mode_notes: dict | None = None, request: gr.Request = None):
    """What the server wrote on the page, in the language the visitor chose: the models
    note, the examples' labels, the tabs' labels (Gradio draws them once) and the mode note
    (unchanged while there is none)."""
    lang = language_of(request, ui_lang)
    note = (mode_notes or {}).get(lang)
    return (model_status(lang, request)[1], example_labels(lang, request),
            *(gr.Tab(label=UI[lang][key]) for key in TABS), gr.skip() if note is None else note)
