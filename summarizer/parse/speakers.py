"""Speaker labels → `Speaker`: who is talking, with a name and role a journalist can print.

`labels.classify_label` reads one label (kind, name, title); `make_speaker`
turns it into a `Speaker` (display name and roles from `roles`);
`SpeakerRegistry` turns every label of one transcript into one `Speaker` per
person, merging variants (``NAME, TITLE`` then ``NAME``, accents, typos) and
keeping different people apart.
"""

from __future__ import annotations

import difflib

from ..document import Speaker
from .labels import (
    ARCHIVE,
    AUDIENCE,
    MODERATOR,
    NARRATION,
    OFFICIAL,
    OTHER,
    PRESIDENT,
    PRESS,
    SHEINBAUM_TAKES_OFFICE,
    STAGE,
    UNKNOWN,
    VOICE,
    LabelInfo,
    classify_label,
    clean_label,
    is_journalist_title,
    looks_like_name,
    president_of,
    press_group,
)
from .english import english_speaker, president_named
from .names import PARTICLES, display_name, key_of, title_case
from .roles import known_role, role_en, role_es


# ---------------------------------------------------------------- speakers

_GENERIC = {
    PRESS: ("Reporter", "reporter", "reportero(a)"),
    VOICE: ("Unidentified voice", "off-mic voice or video narration", "voz"),
    AUDIENCE: ("Audience", "audience", "asistentes"),
    MODERATOR: ("Moderator", "master of ceremonies", "moderador(a)"),
    STAGE: ("Stage direction", None, None),
    UNKNOWN: ("Unknown speaker", None, None),
    NARRATION: ("Narration", None, None),
}


def _sheinbaum_before_office(title: str | None, date: str | None) -> tuple[str, str]:
    if title:
        return role_en(title), role_es(title)
    if date and "2024-06-01" <= date < SHEINBAUM_TAKES_OFFICE:
        return "President-elect of Mexico", "presidenta electa"
    if date and date < "2023-06-17":
        return "Head of Government of Mexico City", "jefa de Gobierno de la Ciudad de México"
    return "former Head of Government of Mexico City", "exjefa de Gobierno de la Ciudad de México"


def make_speaker(label: str, date: str | None = None, *, president: str | None = None,
                 white_house: bool = False) -> Speaker:
    """A `Speaker` from one label alone (no merging). ``president``: the surname of an English
    transcript's president (``THE PRESIDENT``); ``white_house``: the transcript is the White House's."""
    label = clean_label(label)
    info = classify_label(label, date)
    if info.english and info.kind not in _GENERIC:
        return english_speaker(label, info.kind, info.name, info.title, president=president, white_house=white_house)
    if info.kind in _GENERIC:
        display, role, role_spanish = _GENERIC[info.kind]
        name = title_case(info.name) if info.name else None
        return Speaker(label, name, role, role_spanish, name or display, info.kind == PRESS, info.kind, (label,))
    if info.kind == OTHER:
        return Speaker(label, None, None, None, label, False, OTHER, (label,))
    if info.kind == ARCHIVE:
        return _archive_speaker(label, info)
    name = title_case(info.name, small_words=PARTICLES) if info.name else None
    display = display_name(info.name) if info.name else None
    if info.alias:
        display = title_case(info.alias)
    if info.kind == PRESIDENT:
        woman = "SHEINBAUM" in key_of(info.name or "")
        role_spanish = "presidenta de México" if woman else "presidente de México"
        return Speaker(label, name, "President of Mexico", role_spanish, display or label, False, PRESIDENT, (label,))
    if info.name and "SHEINBAUM" in key_of(info.name):
        role, role_spanish = _sheinbaum_before_office(info.title, date)
    elif info.title:
        role, role_spanish = role_en(info.title), role_es(info.title)
    else:
        role, role_spanish = (known_role(info.name, date) if info.name else None) or (None, None)
    return Speaker(label, name, role, role_spanish, display or role or title_case(label), False, OFFICIAL, (label,))


def _archive_speaker(label: str, info: LabelInfo) -> Speaker:
    key = key_of(label)
    who = president_of(key)
    person = display_name(info.name) if info.name else ({"LOPEZ OBRADOR": "López Obrador", "SHEINBAUM": "Sheinbaum"}.get(who or ""))
    if "MANIPULADA" in key or "INTELIGENCIA ARTIFICIAL" in key:
        display = f"AI-manipulated voice of {person or 'a public figure'}"
        role, role_spanish = "fake audio (AI-manipulated)", "audio falso (manipulado con inteligencia artificial)"
    elif key.startswith(("NINO ", "NINA ")):
        display = f"Child playing {person}" if person else "Child (role-play)"
        role, role_spanish = "role-play", "personificación"
    elif info.title and is_journalist_title(info.title):
        display = person or title_case(label)
        role, role_spanish = f"{role_en(info.title)} (shown in a clip)", f"{role_es(info.title)} (en un video)"
    else:
        display = f"{person} (archive clip)" if person else "Archive clip"
        role, role_spanish = "archive clip (not said at this conference)", "video de archivo (no dicho en esta conferencia)"
    name = title_case(info.name, small_words=PARTICLES) if info.name else None
    return Speaker(label, name, role, role_spanish, display, False, ARCHIVE, (label,))


def identity(label: str, date: str | None = None) -> str:
    """The key that labels of one person share within a transcript."""
    info = classify_label(label, date)
    key = key_of(label)
    if info.kind == PRESS:
        rest = " ".join(w for w in key.split()[1:] if w in {"MUJER", "HOMBRE", "NINA", "NINO"})
        return f"press:{press_group(key)} {rest}".strip()
    if info.kind == VOICE:
        words = [w for w in key.replace("VOZ", " ").split() if w not in {"DE", "D", "VO"}]
        return "voice:" + (" ".join(words) or "VOZ")
    if info.kind == OTHER and looks_like_name(clean_label(label)) and "," not in label:
        return f"maybe:{key}"  # a name-only label: a person if the transcript names them elsewhere
    if info.kind in (AUDIENCE, MODERATOR, STAGE, OTHER):
        return f"{info.kind}:{key}"
    if info.kind == ARCHIVE:
        return f"archive:{key_of(info.name) if info.name and not president_of(key) else key}"
    who = president_of(key_of(info.name or ""))
    if who:
        return f"person:{who}"
    if info.name:
        return f"person:{key_of(info.name)}"
    return f"title:{key_of(info.title or label)}"


def _same_person(a: str, b: str) -> bool:
    """Whether two name keys of one transcript name the same person.

    Accent-only variants share a key already; typos (``LUIS``/``LUISA``,
    ``SHEFIELLD``) merge at a similarity ≥ 0.9 when the first names match too;
    a name and its longer form (``EVELYN SALGADO PINEDA`` /
    ``EVELYN CECIA SALGADO PINEDA``) merge when one's words are a subsequence of
    the other's with the same first word.
    """
    wa, wb = a.split(), b.split()
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) >= 2 and short[0] == long_[0]:
        it = iter(long_)
        if all(word in it for word in short):
            return True
    if len(short) >= 3 and f" {' '.join(short)} " in f" {' '.join(long_)} ":
        return True  # "BERNARDO GONZÁLEZ ROSAS" / "JOSÉ BERNARDO GONZÁLEZ ROSAS"
    if difflib.SequenceMatcher(None, a, b).ratio() < 0.9:
        return False
    return difflib.SequenceMatcher(None, wa[0], wb[0]).ratio() >= 0.8 and len(wa) == len(wb)


class SpeakerRegistry:
    """Builds one `Speaker` per person of a transcript from the labels seen in it.

    Variants of one person merge: ``NAME, TITLE`` then ``NAME``; ``TITLE, NAME``
    on every turn; accent-only variants; typos within a similarity of 0.9
    (``PREGUNA`` → ``PREGUNTA``). Different people with similar labels do not
    (``CONCURSANTE …, TIFFANY GALAVIZ`` / ``CONCURSANTE …, MIRANDA GONZÁLEZ``).
    Add every label first, then read `speakers()`.
    """

    def __init__(self, date: str | None = None, header: str = ""):
        self.date = date
        self.header = header  # an English transcript's header names its president: "Remarks by President Biden"
        self._keys: dict[str, str] = {}  # label → person key
        self._labels: dict[str, list[str]] = {}  # person key → labels, in order
        self._president: str | None = None

    def add(self, label: str) -> str:
        """Record a label; return the key of the person it names."""
        label = clean_label(label)
        if label in self._keys:
            return self._keys[label]
        key = identity(label, self.date)
        info = classify_label(label, self.date)
        if info.english and info.kind == PRESIDENT and info.name is None:
            key = "person:THE PRESIDENT"  # whoever the transcript's president is: merged in `speakers`
        if key not in self._labels:
            key = self._fuzzy(key, label) or key
        self._keys[label] = key
        self._labels.setdefault(key, []).append(label)
        return key

    def _fuzzy(self, key: str, label: str) -> str | None:
        kind, _, text = key.partition(":")
        for other in self._labels:
            other_kind, _, other_text = other.partition(":")
            if other_kind != kind or kind in ("stage", "other", "audience", "maybe", "title"):
                continue
            if kind in ("person", "archive") and _same_person(text, other_text):
                if not self._other_titles(label, other):
                    return other
            if kind not in ("person", "archive") and difflib.SequenceMatcher(None, text, other_text).ratio() >= 0.9:
                return other
        return None

    def _other_titles(self, label: str, key: str) -> bool:
        """Whether ``label`` and the labels under ``key`` give clearly different titles:
        two people with similar names (``MARÍA GONZÁLEZ, HABITANTE …`` /
        ``MARÍA ELENA GONZÁLEZ LÓPEZ, DIRECTORA …``)."""
        title = classify_label(label, self.date).title
        if not title:
            return False
        others = [classify_label(lab, self.date).title for lab in self._labels[key]]
        return all(other and difflib.SequenceMatcher(None, key_of(title), key_of(other)).ratio() < 0.8
                   for other in others) and any(others)

    def _home(self, key: str) -> str:
        """The person a name-only label (``maybe:``) belongs to, when the transcript names them."""
        if key == "person:THE PRESIDENT" and self._president and f"person:{self._president}" in self._labels:
            return f"person:{self._president}"  # THE PRESIDENT is PRESIDENT BIDEN
        if not key.startswith("maybe:"):
            return key
        text = key.partition(":")[2]
        for other in self._labels:
            if other.startswith("person:") and _same_person(text, other.partition(":")[2]):
                return other
        return key

    def speakers(self) -> dict[str, Speaker]:
        """Key (as returned by `add`) → merged `Speaker`."""
        self._president = president_named(self.header, [label for labels in self._labels.values() for label in labels])
        white_house = "WHITE HOUSE" in self.header.upper()
        groups: dict[str, list[str]] = {}
        for key, labels in self._labels.items():
            groups.setdefault(self._home(key), []).extend(labels)
        merged = {}
        for key, labels in groups.items():
            def weight(lab: str) -> tuple:
                # The fullest label carries the title: prefer one with a title part.
                info = classify_label(lab, self.date)
                order = -labels.index(lab) if key.startswith(("press", "voice")) else len(lab)
                return (info.kind != OTHER, info.title is not None, info.name is not None, order)
            base = max(labels, key=weight)
            speaker = make_speaker(base, self.date, president=self._president, white_house=white_house)
            merged[key] = Speaker(speaker.label, speaker.name, speaker.role, speaker.role_es, speaker.display,
                                  speaker.is_press, speaker.kind, tuple(labels))
        return {key: merged[self._home(key)] for key in self._labels}

    def identity_of(self, label: str) -> str:
        """The identity (as `add` returned it, after merging) of the person ``label`` names."""
        return self._home(self._keys[clean_label(label)])


UNKNOWN_SPEAKER = Speaker("", None, None, None, "Unknown speaker", False, UNKNOWN, ())
NARRATOR = Speaker("", None, None, None, "Narration", False, NARRATION, ())


def reporter(name: str, outlet: str | None) -> Speaker:
    """The questioner named by a self-introduction."""
    role = f"reporter, {outlet}" if outlet else "reporter"
    role_spanish = f"reportero(a), {outlet}" if outlet else "reportero(a)"
    return Speaker(name, name, role, role_spanish, name, True, PRESS, ())
