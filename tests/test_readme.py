"""The README as a newcomer follows it: every command's inputs exist in a clone, the
environment is activated before bare commands, and no doubled word ("at at") in what
users read (README, --help, the web app's words)."""

from __future__ import annotations

import glob
import re
import shlex

from click.testing import CliRunner

from summarizer.cli import COMMANDS, main
from summarizer.web.texts import MESSAGES, UI

from support import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
OUTPUT_OPTIONS = {"-o", "--out", "--output", "--dest", "--host", "--port", "--to", "--from", "--format", "--quotes",
                  "-k", "--mode", "--workers", "--max-bytes", "--revision"}
DOUBLED = re.compile(r"\b(\w+)\s+\1\b")


def commands() -> list[list[str]]:
    found = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("summarizer "):
                found.append(shlex.split(line))
    return found


def test_every_command_input_exists_in_a_clone():
    checked = 0
    for words in commands():
        if "--address" in words:
            continue  # joins a Ray cluster: its inputs are on the cluster's shared folder, not in the clone
        skip = False
        for word in words[2:]:
            if skip or word.startswith("-") or word in ("<",):
                skip = word in OUTPUT_OPTIONS
                continue
            if "/" in word or word.endswith((".txt", ".jsonl")):
                assert glob.glob(str(REPO / word), recursive=True), f"{' '.join(words)}: {word} is not in the clone"
                checked += 1
        redirected = " ".join(words).partition(" < ")[2]
        if redirected:
            assert (REPO / redirected.split()[0]).is_file()
    assert checked >= 8


def test_every_command_said_to_need_no_model_runs_without_one(tmp_path, monkeypatch, no_models):
    from click.testing import CliRunner

    from summarizer.cli import main

    for name in ("examples", "seeds"):
        (tmp_path / name).symlink_to(REPO / name)
    monkeypatch.chdir(tmp_path)
    lines = [line for block in re.findall(r"```sh\n(.*?)```", README, re.S) for line in block.splitlines()
             if line.startswith("summarizer ") and line.split("  #", 1)[-1].strip() == "no model needed"]
    assert len(lines) >= 3
    for line in lines:
        words, _, redirected = line.split("  #")[0].strip().partition(" < ")
        data = (tmp_path / redirected.strip()).read_bytes() if redirected else None
        result = CliRunner().invoke(main, shlex.split(words)[1:], input=data)
        assert result.exit_code == 0, (line, result.output)


def test_the_readme_says_how_to_activate_the_environment_and_build_tiny_models():
    assert "source .venv/bin/activate" in README and ".venv/bin/summarizer" in README
    assert "make tiny-models" in README
    assert "\ntiny-models:" in (REPO / "Makefile").read_text(encoding="utf-8")
    assert "github.com/fferegrino/mananeras" in (REPO / "examples" / "README.md").read_text(encoding="utf-8")


def test_no_doubled_words_in_what_users_read():
    texts = {"README.md": re.sub(r"```.*?```", "", README, flags=re.S)}  # prose, not commands (--out out/)
    runner = CliRunner()
    for name in COMMANDS:
        texts[f"summarizer {name} --help"] = runner.invoke(main, [name, "--help"]).output
    for group, subs in (("models", ("list", "download")), ("batch", ("translate", "summarize"))):
        for sub in subs:
            texts[f"summarizer {group} {sub} --help"] = runner.invoke(main, [group, sub, "--help"]).output
    for lang in ("en", "es"):
        texts[f"web {lang}"] = " | ".join(list(UI[lang].values()) + list(MESSAGES[lang].values()))
    for where, text in texts.items():
        doubled = [m.group(0) for m in DOUBLED.finditer(text) if not m.group(1).isdigit()]
        assert doubled == [], (where, doubled)


def test_what_the_examples_write_goes_where_git_ignores_it():
    """A user who runs the README's commands in a clone leaves its tree clean: every -o and
    --out is under out/, which .gitignore lists."""
    assert "/out/" in (REPO / ".gitignore").read_text(encoding="utf-8").split()
    written = []
    for words in commands():
        for option, value in zip(words, words[1:]):
            if option in ("-o", "--out") and value not in ("-", "…") and not value.startswith("/"):
                written.append(value)
    assert len(written) >= 8 and all(value.startswith("out/") for value in written), written
