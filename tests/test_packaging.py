"""Packaging and small shared helpers: no setuptools deprecation warning about the licence,
the new dependencies declared, sizes written for people."""

from __future__ import annotations

import subprocess
import sys

from summarizer.settings import format_megabytes

from support import REPO

METADATA = """
import warnings, sys
from setuptools import build_meta
out = sys.argv[1]  # setuptools rewrites sys.argv
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    info = build_meta.prepare_metadata_for_build_wheel(out)
print("\\n".join(str(w.message).splitlines()[0] for w in caught))
print(open(f"{out}/{info}/METADATA", encoding="utf-8").read())
"""


def test_the_package_metadata_builds_without_a_licence_warning(tmp_path):
    result = subprocess.run([sys.executable, "-c", METADATA, str(tmp_path)], cwd=REPO, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "license" not in result.stdout.split("Metadata-Version")[0].lower()
    assert "License-Expression: MIT" in result.stdout
    for requirement in ("python-docx", "pypdf"):
        assert f"Requires-Dist: {requirement}" in result.stdout


def test_sizes_for_people():
    assert [format_megabytes(n) for n in (10, 1_000, 12_345, 1_000_000, 2_550_000, 5_000_000, 123_456_789)] == [
        "10 bytes", "1 kB", "12 kB", "1 MB", "2.55 MB", "5 MB", "123 MB"]
