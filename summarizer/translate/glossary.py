"""Glossaries: the terms a translation keeps as written or renders as the glossary says.

* `Glossary` — entries (source term, target term, optional language pair), from a TSV
  file (`read_glossary`), a mapping (`as_glossary`) or the package's own `glossary.tsv`
  (`builtin`);
* `transcript_names` — the people a transcript names: its speakers (from their labels)
  and the reporters who introduced themselves;
* `protected_terms` — what one translation protects, each layer overriding the one
  before: the transcript's names (kept as written), the built-in glossary, the user's.

A glossary file is UTF-8 text, one entry a line, columns separated by tabs::

    # a comment
    Sembrando Vida                                  one column: kept as written
    Guardia Nacional<TAB>National Guard             into every language
    Secretaría de Marina<TAB>Secretariat of the Navy<TAB>es-en   only from es into en

Terms match whole words, case and accents as written ("Pemex", not "pemex").
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from ..document import LANGUAGES, Transcript
from ..errors import OptionError
from ..files import read_limited
from ..settings import format_megabytes

GLOSSARY_MAX_BYTES = 10_000_000
"""A glossary is a list of terms: far smaller than this (the built-in one is a few kB)."""
FORMAT = "each line is a source term, then optionally a tab and the target term, then a tab and a language pair (es-en)"
_PAIR_RE = re.compile(r"^([a-z]{2})\s*(?:-|→|>|_)\s*([a-z]{2})$")


@dataclass(frozen=True)
class Entry:
    """One term: ``source`` becomes ``target`` (the same text: kept as written), in
    translations from ``pair``'s first language into its second ("es-en"), or in every
    translation when ``pair`` is None."""

    source: str
    target: str
    pair: str | None = None


@dataclass(frozen=True)
class Glossary:
    """Entries, in order; for the same term, a pair's own entry wins over an entry for every pair."""

    entries: tuple[Entry, ...] = ()

    def for_pair(self, source: str, target: str) -> dict[str, str]:
        """Term → rendering for translations from ``source`` into ``target``."""
        pair = f"{source}-{target}"
        general = {e.source: e.target for e in self.entries if e.pair is None}
        return general | {e.source: e.target for e in self.entries if e.pair == pair}


def parse_glossary(text: str, origin: str = "glossary") -> Glossary:
    """The entries of a glossary file's ``text``; `OptionError` naming ``origin`` and the
    line for a line that is not an entry, or a term given two renderings for one pair."""
    entries: dict[tuple[str, str | None], tuple[Entry, int]] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        entry = _entry(raw, f"{origin}, line {number}")
        key = (entry.source, entry.pair)
        if key in entries and entries[key][0].target != entry.target:
            raise OptionError(f"{origin}, line {number}: {entry.source!r} is already rendered as "
                              f"{entries[key][0].target!r} on line {entries[key][1]}; give each term one rendering")
        entries.setdefault(key, (entry, number))
    return Glossary(tuple(entry for entry, _ in entries.values()))


def _entry(raw: str, where: str) -> Entry:
    cells = [cell.strip(" \ufeff") for cell in raw.rstrip("\r\n").split("\t")]
    if len(cells) > 3:
        raise OptionError(f"{where}: {len(cells)} tab-separated columns, at most 3 expected ({FORMAT}): {raw.strip()!r}")
    source, target, pair = (cells + ["", ""])[:3]
    if not source:
        raise OptionError(f"{where}: the source term (first column) is empty ({FORMAT}): {raw.strip()!r}")
    if len(cells) == 1 and re.search(r"\S {2,}\S", source):
        raise OptionError(f"{where}: columns must be separated by tabs, not spaces ({FORMAT}): {raw.strip()!r}")
    if not re.search(r"\w", source):
        raise OptionError(f"{where}: the source term {source!r} has no letters or digits")
    return Entry(source, target or source, _pair(pair, where) if pair else None)


def _pair(text: str, where: str) -> str:
    match = _PAIR_RE.match(text.strip().lower())
    if not match or match[1] == match[2] or not {match[1], match[2]} <= set(LANGUAGES):
        pairs = ", ".join(f"{a}-{b}" for a in LANGUAGES for b in LANGUAGES if a != b)
        raise OptionError(f"{where}: {text!r} is not a language pair; write one of {pairs} (or leave it out for every pair)")
    return f"{match[1]}-{match[2]}"


def read_glossary(path: str | os.PathLike) -> Glossary:
    """The glossary in the TSV file at ``path`` (UTF-8; see the module's docstring)."""
    try:
        data = read_limited(path, GLOSSARY_MAX_BYTES)
    except OSError as exc:
        raise OptionError(f"cannot read the glossary {path}: {exc.strerror or exc}") from None
    if len(data) > GLOSSARY_MAX_BYTES:
        raise OptionError(f"the glossary {path} is more than {format_megabytes(GLOSSARY_MAX_BYTES)}: a glossary "
                          "is a list of terms; give a smaller one")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OptionError(f"the glossary {path} is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    return parse_glossary(text, str(path))


def as_glossary(value) -> Glossary | None:
    """A `Glossary` from what `TranslateOptions(glossary=…)` takes: a path to a TSV file, a
    mapping of term → rendering (None or "": kept as written; for every pair), a
    `Glossary`, or None."""
    if value is None or isinstance(value, Glossary):
        return value
    if isinstance(value, (str, os.PathLike)):
        return read_glossary(value)
    if isinstance(value, Mapping):
        entries = []
        for source, target in value.items():
            if not isinstance(source, str) or not re.search(r"\w", source) or not isinstance(target, (str, type(None))):
                raise OptionError(f"glossary entry {source!r}: {target!r}: terms and renderings must be strings, "
                                  "and a term must have letters or digits")
            entries.append(Entry(source.strip(), (target or "").strip() or source.strip()))
        return Glossary(tuple(entries))
    raise OptionError(f"glossary must be a path to a TSV file, a mapping of term → rendering or a Glossary, "
                      f"not {type(value).__name__}")


@functools.cache
def builtin() -> Glossary:
    """The package's own glossary (`glossary.tsv`): names, programmes and institutions of
    the conferences, mostly kept as written."""
    text = resources.files(__package__).joinpath("glossary.tsv").read_text(encoding="utf-8")
    return parse_glossary(text, "the built-in glossary")


def transcript_names(*docs: Transcript) -> tuple[str, ...]:
    """The names of the people ``docs`` name: each named speaker's full and short name
    ("Andrés Manuel López Obrador", "López Obrador") and each self-introduced reporter's."""
    names: list[str] = []
    for doc in docs:
        people = [s for s in doc.speakers if s.name] + [e.questioner for e in doc.exchanges
                                                        if e.questioner is not None and e.questioner.name]
        for person in people:
            names += [person.name, person.display]
    return tuple(dict.fromkeys(n for n in names if n and len(n) >= 3 and re.search(r"\w", n)))


def protected_terms(source: str, target: str, glossary: Glossary | None = None,
                    names: tuple[str, ...] | list[str] = (), with_builtin: bool = True) -> dict[str, str]:
    """Term → rendering for one translation: ``names`` kept as written, overridden by the
    built-in glossary (unless not ``with_builtin``), overridden by ``glossary`` (the user's)."""
    terms = {name: name for name in names}
    if with_builtin:
        terms |= builtin().for_pair(source, target)
    if glossary is not None:
        terms |= glossary.for_pair(source, target)
    return terms


__all__ = ["Entry", "Glossary", "parse_glossary", "read_glossary", "as_glossary", "builtin",
           "transcript_names", "protected_terms", "FORMAT"]
