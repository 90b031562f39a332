"""The CLI's input and output in every state a shell can leave them: closed, full, a pipe
whose reader left, a planted link, a full disk. Always one clean line and a non-zero
exit, never a traceback, never exit 0 with the output lost."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import time

from click.testing import CliRunner

from summarizer.cli import main

from support import REPO, SEEDS

SEED = SEEDS / "2023-12-28.web.txt"


def _env(**extra) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO), **extra}
    return {k: v for k, v in env.items() if v is not None}


def shell(command: str, **env) -> subprocess.CompletedProcess:
    """``command`` in bash, with ``summarizer`` meaning this checkout's CLI."""
    prefix = f'summarizer() {{ "{sys.executable}" -m summarizer "$@"; }}; '
    return subprocess.run(["bash", "-c", prefix + command], cwd=REPO, env=_env(**env), capture_output=True,
                          text=True, timeout=120)


def assert_one_clean_line(result, starts: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()], result.stderr
    assert result.stderr.startswith(starts), result.stderr


# ---------------------------------------------------------------- standard input and output


def test_closed_stdin_is_a_clean_error():
    result = shell("summarizer quotes <&-")
    assert_one_clean_line(result, "Error: standard input is closed: give a FILE")


def test_full_stdout_is_a_clean_error():
    result = shell(f"summarizer quotes '{SEED}' -k 2 > /dev/full")
    assert_one_clean_line(result, "Error: cannot write to standard output: No space left on device")


def test_closed_stdout_is_an_error_not_a_silent_success():
    result = shell(f"summarizer quotes '{SEED}' -k 2 >&-")
    assert_one_clean_line(result, "Error: standard output is closed")


def test_a_reader_that_left_ends_the_command_quietly():
    proc = subprocess.Popen([sys.executable, "-m", "summarizer", "quotes", str(SEED), "-k", "3"], cwd=REPO,
                            env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader leaves before anything is written (as `| head` after its lines)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 141
    assert b"Traceback" not in err and b"Exception ignored" not in err, err


def test_decoding_warnings_reach_the_terminal():
    damaged = SEED.read_bytes().replace(b"Buenos", b"\x81Buenos", 1)
    result = CliRunner().invoke(main, ["quotes", "-", "-k", "1"], input=damaged)
    assert result.exit_code == 0
    assert "warning: 1 invalid byte sequence in the UTF-8 input was replaced by" in result.stderr


def test_standard_input_still_works():
    result = shell(f"cat '{SEED}' | summarizer quotes - -k 1 --format json")
    assert result.returncode == 0 and '"speaker": "López Obrador"' in result.stdout


# ---------------------------------------------------------------- -o


def test_output_file_never_goes_through_a_planted_link(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    for name in (".brief.md.tmp", ".brief.md.summarizer-tmp"):  # the old fixed name, and ours without its random part
        os.symlink(victim, tmp_path / name)
    out = tmp_path / "brief.md"
    result = CliRunner().invoke(main, ["quotes", str(SEED), "-k", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "precious"
    assert "López Obrador" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".brief.md.summarizer-tmp", ".brief.md.tmp", "brief.md",
                                                         "victim.txt"]


def test_a_link_at_o_is_followed_and_kept_and_permissions_stay(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "out.md"
    os.symlink(real, link)
    result = CliRunner().invoke(main, ["quotes", str(SEED), "-k", "1", "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and "López Obrador" in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600  # a private file stays private


def test_a_device_at_o_is_written_into_never_replaced():
    result = shell(f"summarizer quotes '{SEED}' -k 1 -o /dev/full")
    assert_one_clean_line(result, "Error: cannot write /dev/full: No space left on device")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert shell(f"summarizer quotes '{SEED}' -k 1 -o /dev/null").returncode == 0


FULL_DISK = textwrap.dedent("""
    import resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))
    from summarizer.cli import main
    sys.argv = ["summarizer", *sys.argv[1:]]
    main()
""")


def test_a_full_disk_leaves_the_old_output_and_no_temporary_file(tmp_path):
    out = tmp_path / "quotes.json"
    out.write_text("old output", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", FULL_DISK, "quotes", str(SEED), "-k", "20", "--format", "json",
                             "-o", str(out)], cwd=REPO, env=_env(), capture_output=True, text=True, timeout=120)
    assert_one_clean_line(result, f"Error: cannot write {out}: File too large")
    assert out.read_text(encoding="utf-8") == "old output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quotes.json"]  # no temporary file left


# ---------------------------------------------------------------- --max-bytes and option names


def test_single_file_commands_take_max_bytes(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MAX_INPUT_BYTES", "1000")
    runner = CliRunner()
    for command in (["quotes"], ["summarize", "--to", "es", "--quiet"], ["translate", "--to", "en", "--quiet"]):
        result = runner.invoke(main, [*command, str(SEED)])
        assert result.exit_code == 1
        assert result.output.startswith(f"Error: {SEED} is 46,561 bytes, over the limit of 1,000 bytes; split it, "
                                        "or raise the limit with --max-bytes")
        assert "max_bytes" not in result.output
    result = runner.invoke(main, ["quotes", str(SEED), "-k", "1", "--max-bytes", "100000"])
    assert result.exit_code == 0 and "López Obrador" in result.output
    result = runner.invoke(main, ["quotes", "-", "--max-bytes", "100"], input=SEED.read_bytes())
    assert result.output.startswith("Error: standard input is more than 100 bytes, over the limit of 100 bytes;")


def test_cli_errors_name_cli_options(no_models):
    runner = CliRunner()
    result = runner.invoke(main, ["summarize", str(SEED), "--to", "en", "--quiet"])
    assert result.exit_code == 1
    assert "ask for --to es." in result.output and "target=" not in result.output
    result = runner.invoke(main, ["summarize", str(SEED), "--to", "es", "--mode", "abstractive", "--quiet"])
    assert "ask for --mode extractive," in result.output and "mode=" not in result.output
    article = SEEDS / "2023-12-28-news-article.txt"
    result = runner.invoke(main, ["summarize", str(article), "--to", "es", "--quiet"])
    assert "a brief in Spanish of an English transcript" in result.output  # never "a English"


def test_the_api_keeps_its_own_option_names(no_models):
    import pytest

    from summarizer import ModelNotAvailableError, summarize

    with pytest.raises(ModelNotAvailableError, match=r"ask for target='es'\."):
        summarize(SEED.read_bytes(), target="en")


# ---------------------------------------------------------------- models list


def test_models_list_never_claims_the_hub_is_online_without_asking(tmp_path):
    offline = shell("summarizer models list")
    assert offline.returncode == 0 and "hub: offline (HF_HUB_OFFLINE=1)" in offline.stdout
    dead = {"HF_HUB_OFFLINE": None, "HF_ENDPOINT": "http://127.0.0.1:9", "HF_HOME": str(tmp_path)}
    unreachable = shell("summarizer models list", **dead)
    assert unreachable.returncode == 0, unreachable.stderr
    assert "hub: not reachable from here (http://127.0.0.1:9:" in unreachable.stdout
    assert "hub: not checked" in shell("summarizer models list --no-check-hub", **dead).stdout
    for result in (offline, unreachable):
        assert "online" not in result.stdout.replace("offline", "")


# ---------------------------------------------------------------- --help and --version


def test_version_and_help_on_a_full_stdout_are_one_clean_line():
    for args in ("--version", "--help", "batch --help", "summarize --help"):
        result = shell(f"summarizer {args} > /dev/full")
        assert_one_clean_line(result, "Error: cannot write to standard output: No space left on device")


def test_version_and_help_on_a_closed_stdout_are_errors_not_silent_successes():
    for args in ("--version", "--help", "quotes --help"):
        result = shell(f"summarizer {args} >&-")
        assert_one_clean_line(result, "Error: standard output is closed")


def test_version_still_prints():
    result = shell("summarizer --version")
    assert result.returncode == 0 and result.stdout == "summarizer, version 0.1.0\n"


# ---------------------------------------------------------------- devices and pipes: bytes counted as read


def test_a_device_is_refused_at_once_in_one_line():
    started = time.monotonic()
    result = shell("summarizer summarize /dev/zero --to es --quiet")
    assert time.monotonic() - started < 10
    assert_one_clean_line(result, "Error: cannot read /dev/zero: it is a character device, not a file; give a "
                                  "transcript file, or - for standard input")
    result = shell(f"summarizer summarize '{SEED}' --to es --quiet --glossary /dev/zero")
    assert_one_clean_line(result, "Error: cannot read the glossary /dev/zero: it is a character device, not a file")


def test_a_pipe_is_read_up_to_the_limit_and_no_further():
    ok = shell(f"summarizer quotes <(cat '{SEED}') -k 1")
    assert ok.returncode == 0 and "López Obrador" in ok.stdout
    endless = shell("summarizer quotes <(yes hola) --max-bytes 100000")
    assert_one_clean_line(endless, "Error: /dev/fd/")
    assert "is more than 100,000 bytes, over the limit of 100,000 bytes" in endless.stderr


# ---------------------------------------------------------------- -o onto an input


def test_o_onto_the_input_is_refused_and_the_input_kept(tmp_path):
    source = tmp_path / "t.txt"
    source.write_bytes(SEED.read_bytes())
    (tmp_path / "link.md").symlink_to(source)
    glossary = tmp_path / "g.tsv"
    glossary.write_text("Sembrando Vida\n", encoding="utf-8")
    for command, out in ((["summarize", "--to", "es", "--quiet"], source), (["quotes"], source),
                         (["translate", "--to", "en", "--quiet"], source), (["quotes"], tmp_path / "link.md")):
        result = CliRunner().invoke(main, [*command, str(source), "-o", str(out)])
        assert result.exit_code == 1, result.output
        assert result.output.startswith(f"Error: {out} is an input of this command"), result.output
        assert "writing there would destroy it; choose another output file" in result.output
    result = CliRunner().invoke(main, ["summarize", str(source), "--to", "es", "--quiet", "--glossary",
                                       str(glossary), "-o", str(glossary)])
    assert result.exit_code == 1 and "is an input of this command" in result.output
    piped = shell(f"summarizer quotes - -o '{source}' < '{source}'")
    assert_one_clean_line(piped, f"Error: {source} is an input of this command (the same file as standard input)")
    assert source.read_bytes() == SEED.read_bytes() and glossary.read_text(encoding="utf-8") == "Sembrando Vida\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.tsv", "link.md", "t.txt"]
