"""English speaker labels, as the White House prints its briefings and remarks.

``Q`` (with or without a colon: ``Q    Thanks, Karine.``) is the press; ``MS. JEAN-PIERRE``,
``MR. KIRBY``, ``DR. FAUCI`` are officials known by an honorific and a surname;
``SECRETARY BLINKEN``, ``AMBASSADOR THOMAS-GREENFIELD``, ``PRIME MINISTER SUNAK`` by a title
and a surname; ``PRESIDENT BIDEN`` and ``THE PRESIDENT`` are the president of the transcript
(``THE PRESIDENT`` is named by the transcript's header, "Remarks by President Biden…", or by
its one ``PRESIDENT X`` label). Only English words make an English label: Spanish labels
(``PRESIDENTE …``, ``SECRETARIO …``, ``GOBERNADORA …``) never match.
"""

from __future__ import annotations

import re

from ..document import Kind, Speaker
from .names import key_of, title_case

PRESS_KEYS = frozenset({"Q", "QUESTION", "QUESTIONER"})
_AUDIENCE = frozenset({"AUDIENCE", "AUDIENCE MEMBER", "AUDIENCE MEMBERS", "CROWD"})
_HONORIFIC = r"(?:MR|MS|MRS|MISS|DR|MX)\.?"
# Titles (accent-free, upper case) → (English role, Spanish role); the longest first.
TITLES = {
    "VICE PRESIDENT": ("Vice President", "vicepresidente"),
    "PRESIDENT": ("President", "presidente"),
    "PRIME MINISTER": ("Prime Minister", "primer ministro"),
    "DEPUTY SECRETARY": ("Deputy Secretary", "subsecretario"),
    "SECRETARY": ("Secretary", "secretario"),
    "ATTORNEY GENERAL": ("Attorney General", "fiscal general"),
    "AMBASSADOR": ("Ambassador", "embajador"),
    "GOVERNOR": ("Governor", "gobernador"),
    "SENATOR": ("Senator", "senador"),
    "REPRESENTATIVE": ("Representative", "representante"),
    "CONGRESSMAN": ("Representative", "congresista"),
    "CONGRESSWOMAN": ("Representative", "congresista"),
    "ADMIRAL": ("Admiral", "almirante"),
    "CHANCELLOR": ("Chancellor", "canciller"),
    "ADMINISTRATOR": ("Administrator", "administrador"),
    "LEADER": ("congressional leader", "líder parlamentario"),
    "SPEAKER": ("Speaker of the House", "presidente de la Cámara de Representantes"),
}
_THE = {  # "THE PRESIDENT", "THE VICE PRESIDENT", "THE FIRST LADY"
    "THE PRESIDENT": "PRESIDENT", "THE VICE PRESIDENT": "VICE PRESIDENT", "THE FIRST LADY": "FIRST LADY",
}
_OFFICIALS = frozenset({"SENIOR ADMINISTRATION OFFICIAL", "ADMINISTRATION OFFICIAL", "SENIOR STATE DEPARTMENT OFFICIAL",
                        "STATE DEPARTMENT OFFICIAL", "SENIOR DEFENSE OFFICIAL", "WHITE HOUSE OFFICIAL"})
_SURNAME = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’]*(?:-[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’]*)*"
_NAMED = re.compile(rf"^(?:(?P<honorific>{_HONORIFIC})|(?P<title>{'|'.join(TITLES)}))\s+(?P<name>{_SURNAME}(?:\s+{_SURNAME}){{0,2}})$")
_PRESIDENT_NAMED = re.compile(r"\b(?:President|PRESIDENT)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{3,}(?:-[A-Z]+)?)\b")
_ROLES = {"FIRST LADY": ("First Lady", "primera dama")}


def english_label(bare: str) -> tuple[Kind, str | None, str | None] | None:
    """``(kind, name, title)`` of an English label (its notes removed), or None. The name is
    as printed: ``JEAN-PIERRE``."""
    key = key_of(bare)
    if key in PRESS_KEYS:
        return Kind.PRESS, None, None
    if key in _AUDIENCE:
        return Kind.AUDIENCE, None, None
    if key in _THE:
        return (Kind.PRESIDENT if key == "THE PRESIDENT" else Kind.OFFICIAL), None, _THE[key]
    if key in _OFFICIALS:
        return Kind.OFFICIAL, None, key
    match = _NAMED.match(" ".join(bare.upper().split()))
    if not match:
        return None
    title = match.group("title")
    return (Kind.PRESIDENT if title == "PRESIDENT" else Kind.OFFICIAL), match.group("name"), title


def president_named(header: str, labels: list[str]) -> str | None:
    """The surname (key) of the transcript's president: "Remarks by President Biden…" in the
    header, else its one ``PRESIDENT X`` label."""
    found = _PRESIDENT_NAMED.search(header)
    if found:
        return key_of(found.group(1))
    named = {key_of(label).split(" ", 1)[1] for label in labels
             if key_of(label).startswith("PRESIDENT ") and _NAMED.match(" ".join(label.upper().split()))}
    return named.pop() if len(named) == 1 else None


def english_speaker(label: str, kind: Kind, name: str | None, title: str | None, *, president: str | None = None,
                    white_house: bool = False) -> Speaker:
    """The `Speaker` of an English label (see `english_label`)."""
    if kind == Kind.PRESIDENT and name is None and president:
        name = president
    english, spanish = TITLES.get(title or "", _ROLES.get(title or "", (None, None)))
    if title and english is None:
        english, spanish = title_case(title), title.lower()
    if kind == Kind.PRESIDENT and white_house:
        english, spanish = "President of the United States", "presidente de Estados Unidos"
    shown = title_case(name) if name else None
    display = shown or ("The President" if kind == Kind.PRESIDENT else english) or title_case(label)
    return Speaker(label, shown, english, spanish, display, False, kind, (label,))


__all__ = ["english_label", "english_speaker", "president_named", "PRESS_KEYS", "TITLES"]
