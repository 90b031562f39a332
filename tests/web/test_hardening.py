"""The web app against a visitor who probes, floods and pastes anything, and in the places
it runs (a container, a Space, behind a proxy, a port already taken, docker stop)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import gradio as gr
import pytest

from summarizer.models import Models
from summarizer.web import app as webapp
from summarizer.web import handlers
from summarizer.web.choices import FOLDER, model_choices, model_options, resolve_choice
from summarizer.web.storage import Storage
from summarizer.web.texts import MESSAGES, UI, pick_language

from support import REPO, SEEDS, free_port, wait_until_up

SEED = (SEEDS / "2023-12-28.web.txt").read_text(encoding="utf-8")
ARTICLE = (SEEDS / "2023-12-28-news-article.txt").read_text(encoding="utf-8")


def brief(text, target="es", mode="extractive", ui_lang="", **models):
    return handlers.make_brief(text, target, mode, 5, models.get("summarize"), models.get("es_en"),
                               models.get("en_es"), None, ui_lang)


# ---------------------------------------------------------------- model fields


def test_model_fields_offer_the_installed_models(tiny_models):
    shutil.copytree(tiny_models / "opus-mt-es-en", tiny_models / "opus-mt-es-en-news")
    try:
        assert model_options("translate", "es", "en") == [
            ("opus-mt-es-en (tiny random test model)", "Helsinki-NLP/opus-mt-es-en"),
            ("opus-mt-es-en-news (tiny random test model)", FOLDER + "opus-mt-es-en-news")]
        assert model_choices("translate", "en", "es") == ["Helsinki-NLP/opus-mt-en-es"]  # not a Marian of another pair
        assert model_choices("summarize") == ["sshleifer/distilbart-cnn-12-6"]
        chosen = resolve_choice(FOLDER + "opus-mt-es-en-news", "translate", "es", "en")
        assert chosen == str((tiny_models / "opus-mt-es-en-news").resolve())
    finally:
        shutil.rmtree(tiny_models / "opus-mt-es-en-news")


def test_a_missing_registered_model_is_still_listed(no_models):
    assert model_options("summarize") == [("distilbart-cnn-12-6 (not installed)", "sshleifer/distilbart-cnn-12-6")]


def test_server_paths_are_refused_alike_whether_they_exist_or_not(no_models, tmp_path):
    real = tmp_path / "real-model"
    real.mkdir()
    messages = []
    for value in (str(real), str(tmp_path / "nothing-here"), "/etc", "some-org/some-model"):
        with pytest.raises(gr.Error) as caught:
            brief(SEED, "es", "extractive", es_en=value)
        assert caught.value.title == "Unknown model"
        messages.append(caught.value.message.replace(repr(value), "VALUE"))
    assert len(set(messages)) == 1  # nothing tells a folder that exists from one that does not
    assert "--allow-model-paths" in messages[0]


def test_typed_paths_with_the_flag_load_one_copy_per_folder(tiny_models, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_UI_ALLOW_MODEL_PATHS", "1")
    folder = tiny_models / "opus-mt-es-en"
    spellings = [str(folder), str(folder) + "/", f"{folder.parent}/./{folder.name}",
                 f"{folder}/../{folder.name}"]
    resolved = {resolve_choice(s, "translate", "es", "en", allow_paths=True) for s in spellings}
    assert resolved == {str(folder.resolve())}
    server = Models.from_settings(device="cpu")
    loaded = {id(server.generator("translate", source="es", target="en", name=s)) for s in spellings}
    assert len(loaded) == 1  # one copy in memory, however the folder is spelled
    assert resolve_choice("org/model", "translate", "es", "en", allow_paths=True) == "org/model"


# ---------------------------------------------------------------- storage


def test_request_folders_expire_and_the_storage_is_capped(tmp_path):
    store = Storage(tmp_path / "ui", max_bytes=3000, max_age=100)
    old = store.request_folder()
    (old / "brief.md").write_bytes(b"x" * 500)
    os.utime(old, (time.time() - 200, time.time() - 200))
    uploads = store.root / "gradio" / "abc"
    uploads.mkdir(parents=True)
    for n in range(5):
        file = uploads / f"upload{n}.txt"
        file.write_bytes(b"y" * 1000)
        os.utime(file, (time.time() - 50 + n, time.time() - 50 + n))
    freed = store.prune()
    assert not old.exists()  # expired
    assert sorted(p.name for p in uploads.iterdir()) == ["upload2.txt", "upload3.txt", "upload4.txt"]  # oldest went
    assert freed == 500 + 2000
    store.close()
    assert not store.root.exists()


def test_uploads_are_deleted_once_read_and_rejected_ones_too(tmp_path, monkeypatch):
    uploads = tmp_path / "gradio" / "hash1"
    uploads.mkdir(parents=True)
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "gradio"))
    good, bad, wrong = uploads / "t.txt", tmp_path / "gradio" / "bad.txt", uploads / "t.exe"
    good.write_text(SEED, encoding="utf-8")
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    wrong.write_text(SEED, encoding="utf-8")
    assert handlers.load_file(str(good)) == (SEED, None)
    with pytest.raises(gr.Error, match="an image"):
        handlers.load_file(str(bad))
    with pytest.raises(gr.Error, match="t.exe is not a file this app reads"):
        handlers.load_file(str(wrong))
    assert list((tmp_path / "gradio").iterdir()) == []
    outside = tmp_path / "elsewhere.txt"  # a file outside the upload folder is never deleted
    outside.write_text(SEED, encoding="utf-8")
    handlers.load_file(str(outside))
    assert outside.exists()


# ---------------------------------------------------------------- pasted text, examples, results


def test_pasted_binary_is_refused_and_pasted_html_is_read_as_text(no_models):
    with pytest.raises(gr.Error, match="binary data"):
        brief("PK\x03\x04\x14\x01\x06\x02\x08\x03" + "x" * 100 + "\x01\x02\x03\x1b\x10")
    html = ("<p><strong>PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR:</strong> Vamos a tener reuniones periódicas con el "
            "gobierno de Estados Unidos, ya se formaron los equipos de trabajo.</p><p><strong>PREGUNTA:</strong> "
            "¿Qué opina?</p>")
    out = brief(html)
    pieces = out[3]
    assert "".join(text for text, _ in pieces).startswith("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Vamos")
    assert "<p>" not in out[0] and "la entrada es una página HTML" in out[0]


def test_the_examples_pick_a_brief_language_that_works_here(no_models):
    assert handlers.pick_example(ARTICLE) == (ARTICLE, "en")  # an English brief of the article needs no model
    assert handlers.pick_example(SEED) == (SEED, "es")
    text, target = handlers.pick_example(ARTICLE)
    assert brief(text, target, "auto")[0].startswith("# Brief:")


def test_the_examples_keep_english_when_the_models_are_here(tiny_models):
    assert handlers.pick_example(SEED) == (SEED, "en")


def test_a_new_brief_first_clears_the_previous_one():
    demo = webapp.build_demo()
    index = {fn.api_name: key for key, fn in demo.fns.items()}
    clear, make = demo.fns[index["clear_results"]], demo.fns[index["summarize"]]
    assert clear.fn is handlers.clear_results and make.fn is handlers.stream_brief
    assert [block._id for block in clear.outputs] == [block._id for block in make.outputs]
    assert clear.targets[0][1] == "click" and not clear.queue  # at once, on the click
    assert make.trigger_after == index["clear_results"]  # the brief is made after the results are emptied
    cleared = handlers.clear_results()
    assert cleared[:5] == ("", "", "", None, "")
    examples = next(fn for fn in demo.fns.values() if fn.fn is handlers.pick_example)
    assert {b.elem_id for b in examples.outputs} == {"transcript-input", "target"}


# ---------------------------------------------------------------- languages


def test_both_languages_have_every_word():
    assert UI["en"].keys() == UI["es"].keys()
    assert MESSAGES["en"].keys() == MESSAGES["es"].keys()
    assert pick_language("es-MX") == "es" and pick_language("", "fr-FR,fr;q=0.9,es;q=0.8") == "es"
    assert pick_language(None, "de") == "en"


def test_messages_follow_the_page_language(no_models):
    with pytest.raises(gr.Error) as caught:
        brief("   \n", ui_lang="es")
    assert caught.value.title == "No se puede hacer este resumen"
    assert caught.value.message == "la transcripción está vacía: pegue o cargue el texto de una transcripción"
    with pytest.raises(gr.Error) as caught:
        brief(SEED, "en", "auto", ui_lang="es-MX")
    message = caught.value.message
    assert caught.value.title == "Modelo no disponible"
    assert message.startswith("un resumen en inglés de una transcripción en español necesita el modelo de "
                              "traducción es→en, que no está disponible")
    assert "En esta aplicación: elija “Resumen en: Español”" in message
    assert "target=" not in message and "--to" not in message
    _, note = handlers.model_status(request=_Request("es-ES,es;q=0.9"))
    assert note.startswith("**Faltan modelos:**")


class _Request:
    def __init__(self, accept: str):
        self.headers = {"accept-language": accept}


# ---------------------------------------------------------------- where it runs


def test_gradio_conventions_for_host_port_and_root_path(monkeypatch):
    import app

    for name in ("SUMMARIZER_HOST", "SUMMARIZER_PORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GRADIO_SERVER_NAME", "0.0.0.0")
    monkeypatch.setenv("GRADIO_SERVER_PORT", "7861")
    seen = {}
    monkeypatch.setattr(app, "launch", lambda demo, host, port, root_path: seen.update(host=host, port=port))
    app.main([])
    assert seen == {"host": "0.0.0.0", "port": 7861}

    monkeypatch.setenv("GRADIO_ROOT_PATH", "/tools/brief")
    launched = {}

    class Demo:
        def launch(self, **kwargs):
            launched.update(kwargs)

    webapp.launch(Demo(), host="0.0.0.0", port=7861)
    assert launched["root_path"] == "/tools/brief" and launched["server_name"] == "0.0.0.0"
    assert launched["i18n"] is webapp.I18N


def _env(tmp_path: Path) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", "TMPDIR": str(tmp_path),
           "SUMMARIZER_MODELS_DIR": str(tmp_path / "no-models"), "PYTHONPATH": str(REPO)}
    env.pop("GRADIO_TEMP_DIR", None)
    return env


def test_a_port_in_use_is_one_clean_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "app.py", "--port", str(port)], cwd=REPO, env=_env(tmp_path),
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"Error: cannot start the web app on 127.0.0.1:{port}: the port is in use. Stop what uses that port, or "
        "choose another with --port (or $SUMMARIZER_PORT / $GRADIO_SERVER_PORT).")


def test_sigterm_removes_the_uploads_and_briefs(tmp_path, monkeypatch):
    from gradio_client import Client, handle_file

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # gradio_client leaves an empty folder per download there

    port = free_port()
    log = (tmp_path / "app.log").open("wb")
    proc = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=REPO, env=_env(tmp_path),
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_until_up(url, proc, tmp_path / "app.log", timeout=120)
        client = Client(url, verbose=False, download_files=str(tmp_path / "downloads"))
        upload = tmp_path / "t.txt"
        upload.write_text(SEED, encoding="utf-8")
        text, _ = client.predict(handle_file(str(upload)), api_name="/load_file")
        assert text == SEED
        result = client.predict(text, "es", "extractive", 3, "sshleifer/distilbart-cnn-12-6",
                                "Helsinki-NLP/opus-mt-es-en", "Helsinki-NLP/opus-mt-en-es", api_name="/summarize")
        assert result[0].startswith("# Resumen:")
        roots = list(tmp_path.glob("summarizer-ui-*"))
        assert len(roots) == 1 and list((roots[0] / "briefs").iterdir())
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()
    assert not list(tmp_path.glob("summarizer-ui-*")), (tmp_path / "app.log").read_text(errors="replace")[-2000:]
    assert "Traceback" not in (tmp_path / "app.log").read_text(errors="replace")


