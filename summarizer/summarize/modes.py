"""Which mode makes a brief, which models it needs, and why — said in the brief's language.

*Chat*: an instruct model writes the lines in the brief's language from the transcript's
own sentences. *Abstractive*: the summarization model writes the lines; it reads and
writes English, so a transcript or a brief in another language is translated into English
and back. *Extractive*: every line is a sentence of the transcript, translated when the
brief's language differs. *Auto*: chat when the chat model is installed (never fetched
unasked: it is 3 GB), else abstractive when every model it needs is here, else extractive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import ModelNotAvailableError
from ..notes import Note
from ..settings import interface, option

MODEL_LANGUAGE = "en"
"""The language the summarization model reads and writes."""

Need = tuple[str, str | None, str | None]
"""A model a brief needs: ``(task, source, target)``."""

Available = Callable[[str, str | None, str | None], bool]
"""``available(task, source, target)``: whether that model can be loaded without downloading
(so auto never fetches a model, the chat model's 3 GB least of all)."""


def needed(mode: str, source: str, target: str) -> list[Need]:
    """The models a brief in ``mode`` from ``source`` into ``target`` needs."""
    if mode == "chat":
        return [("chat", None, None)] + ([("translate", source, target)] if source != target else [])
    if mode == "abstractive":
        needs: list[Need] = [("summarize", None, None)]
        if source != MODEL_LANGUAGE:
            needs.append(("translate", source, MODEL_LANGUAGE))
        if target != MODEL_LANGUAGE:
            needs.append(("translate", MODEL_LANGUAGE, target))
        return needs
    return [("translate", source, target)] if source != target else []


def describe(need: Need, lang: str = "en") -> str:
    """"the summarization model", "the es→en translation model" (in ``lang``)."""
    return model_note(need).render(lang)


def model_note(need: Need) -> Note:
    task, source, target = need
    if task == "translate":
        return Note("model.translation", source=source, target=target)
    return Note("model.chat") if task == "chat" else Note("model.summarizer")


@dataclass(frozen=True)
class ModeChoice:
    """The mode of a brief and why: ``requested`` by the caller, ``missing`` models in auto."""

    mode: str
    requested: str
    missing: tuple[Need, ...] = ()

    def reason(self, lang: str) -> str:
        """Why this mode, in ``lang``."""
        if lang == "es":
            return self._reason_es()
        if self.requested != "auto":
            return f"{self.mode} mode was requested."
        if self.mode == "chat":
            return "auto: the chat model is installed, so it writes the lines."
        if not self.missing:
            return "auto: the summarization model is available, so lines are written by it."
        what = ", ".join(describe(m) for m in self.missing)
        verb = "is" if len(self.missing) == 1 else "are"
        return (f"auto: {what} {verb} not available, so every line is a sentence of the transcript "
                "(run `summarizer models download` for abstractive briefs).")

    def _reason_es(self) -> str:
        name = {"abstractive": "abstractivo", "extractive": "extractivo", "chat": "chat"}[self.mode]
        if self.requested != "auto":
            return f"se pidió el modo {name}."
        if self.mode == "chat":
            return "auto: el modelo de chat está instalado, así que él escribe las líneas."
        if not self.missing:
            return "auto: el modelo de resumen está disponible, así que él escribe las líneas."
        what = ", ".join(describe(m, "es") for m in self.missing)
        verb = "no está disponible" if len(self.missing) == 1 else "no están disponibles"
        return (f"auto: {what} {verb}, así que cada línea es una frase de la transcripción "
                "(ejecute `summarizer models download` para resúmenes abstractivos).")


def choose_mode(requested: str, source: str, target: str, available: Available) -> ModeChoice:
    """The mode for a brief from ``source`` into ``target``; checks that its models are here.

    Raises `ModelNotAvailableError` at once (before any work) when a mode that was asked
    for, or the extractive fallback, lacks a model."""
    if requested == "auto" and all(available(*n) for n in needed("chat", source, target)):
        choice = ModeChoice("chat", requested)
    elif requested == "auto":
        missing = tuple(n for n in needed("abstractive", source, target) if not available(*n))
        choice = ModeChoice("extractive" if missing else "abstractive", requested, missing)
    else:
        choice = ModeChoice(requested, requested)
    for need in needed(choice.mode, source, target):
        if not available(*need):
            raise _missing_error(need, choice.mode, source, target)
    return choice


def _missing_error(need: Need, mode: str, source: str, target: str) -> ModelNotAvailableError:
    """What to do, with the way out spelled as the reader's interface writes it (the web app
    adds its own)."""
    web = interface() == "web"
    if mode == "chat" and need[0] == "chat":
        advice = "" if web else Note("advice.extractive", option=option("mode", "extractive"))
        return ModelNotAvailableError(note=Note("error.missing_chat", what=model_note(need), advice=advice))
    if mode == "abstractive":
        advice = "" if web else Note("advice.extractive", option=option("mode", "extractive"))
        return ModelNotAvailableError(note=Note("error.missing_abstractive", what=model_note(need), advice=advice))
    advice = "" if web else Note("advice.target", option=option("target", source))
    return ModelNotAvailableError(note=Note("error.missing_translation", what=model_note(need), source=source,
                                            target=target, advice=advice))


__all__ = ["MODEL_LANGUAGE", "Need", "Available", "needed", "describe", "ModeChoice", "choose_mode"]
