"""Fakes that replace models through the one public seam, `Models.register`: a
`FakeGenerator` in place of a task's model, `FakeTranslators` in place of the translators."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import ModelError
from ..models import GenerationOptions, Generator, Models, Places, supported_pairs
from ..progress import Progress

TRANSFORMS = {
    "tag": lambda text: f"<{text}>",
    "copy": lambda text: text,
    "upper": str.upper,
    "first-words": lambda text: " ".join(text.split()[:12]),
}
"""What a `FakeGenerator` writes for an input, by name."""


class FakeGenerator(Generator):
    """A stand-in model behind the `Generator` interface.

    Each output is ``transform(input)`` (a function, or the name of one of `TRANSFORMS`),
    or the next of ``outputs``, queued in order. A token is a word, plus one for the end
    of sequence (``count`` replaces that rule). Every batch is recorded in ``calls`` as
    ``(texts, options)``. A batch holding ``fail_on`` raises `ModelError`; one holding
    ``exit_on`` ends the process at once, as the out-of-memory killer would (engine
    tests); each batch sleeps ``delay`` seconds.
    """

    def __init__(self, transform: str | Callable[[str], str] = "tag", *, outputs: Sequence[str] = (),
                 window: int = 512, name: str = "fake-model", delay: float = 0.0, fail_on: str | None = None,
                 count: Callable[[str], int] | None = None, exit_on: str | None = None):
        super().__init__(name, window, {"name": name, "revision": None, "path": None, "backend": "fake"})
        self.transform_name = transform if isinstance(transform, str) else None
        self.transform = TRANSFORMS[transform] if isinstance(transform, str) else transform
        self.count = count
        self.outputs = list(outputs)
        self.delay = delay
        self.fail_on = fail_on
        self.exit_on = exit_on
        self.calls: list[tuple[list[str], GenerationOptions]] = []

    def _count(self, texts: list[str]) -> list[int]:
        return [self.count(t) if self.count else len(t.split()) + 1 for t in texts]

    def __getstate__(self):
        """A worker process gets a fresh copy (no calls, its own lock); a transform must be
        one of `TRANSFORMS` by name, a function of one's own cannot travel."""
        if self.transform_name is None:
            raise TypeError("a FakeGenerator with a transform function of its own cannot go to another process: "
                            "name one of " + ", ".join(TRANSFORMS))
        state = dict(self.__dict__, calls=[], transform=None)
        del state["lock"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.transform = TRANSFORMS[self.transform_name]
        self.lock = threading.Lock()

    def _forward(self, texts: list[str], options: GenerationOptions) -> list[str]:
        if self.exit_on and any(self.exit_on in t for t in texts):
            os._exit(9)
        if self.delay:
            time.sleep(self.delay)
        if self.fail_on and any(self.fail_on in t for t in texts):
            raise ModelError(f"{self.name} failed on this input")
        self.calls.append((list(texts), options))
        return [self.outputs.pop(0) if self.outputs else self.transform(t) for t in texts]


Fake = "str | Callable[[str], str] | Generator | None"


def _fake(value, task: str, **kwargs) -> Generator | None:
    """A `FakeGenerator` for a transform (its name or a function), a `Generator` as it is."""
    if value is None or isinstance(value, Generator):
        return value
    return FakeGenerator(value, name=f"fake-{task}", **kwargs)


def fake_models(translate: Fake = None, summarize: Fake = None, chat: Fake = None, *,
                translators: "FakeTranslators | Callable | None" = None, delay: float = 0.0,
                fail_on: str | None = None, exit_on: str | None = None) -> Models:
    """A `Models` that finds no model on disk (its folders cannot exist; offline) and these
    fakes registered:

    ``translate``, ``summarize``, ``chat``: a task's model for every pair — a transform's
    name (`TRANSFORMS`) or function, made a `FakeGenerator` with ``delay``, ``fail_on`` and
    ``exit_on``, or any `Generator`; None leaves that model missing. ``translators``: a
    `FakeTranslators` (or any ``factory(source, target)`` of translators) in place of the
    library's translators. Picklable when every transform is named, for batch jobs'
    worker processes."""
    nowhere = Path(os.devnull)  # a folder inside it can never exist
    models = Models(Places(nowhere / "models", nowhere / "hf-cache", offline=True))
    options = {"delay": delay, "fail_on": fail_on, "exit_on": exit_on}
    for task, value in (("translate", translate), ("summarize", summarize), ("chat", chat)):
        fake = _fake(value, task, **options)
        if fake is not None:
            models.register(task, fake)
    if translators is not None:
        for source, target in supported_pairs():
            models.register("translate", translators(source, target), source=source, target=target)
    return models


class FakeTranslators:
    """Translators for ``fake_models(translators=)``: each text becomes ``[source>target]
    text``; every call is recorded in ``calls`` as ``(texts, source, target)``."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], str, str]] = []

    def __call__(self, source: str, target: str) -> "FakeTranslator":
        return FakeTranslator(source, target, self.calls)


class FakeTranslator:
    """One pair of `FakeTranslators`."""

    def __init__(self, source: str, target: str, calls: list):
        self.source, self.target, self.calls = source, target, calls

    def run(self, texts: Sequence[str], progress: Progress | None = None,
            names: Sequence[str] = ()) -> tuple[list[str], list[str]]:
        self.calls.append((list(texts), self.source, self.target))
        return [f"[{self.source}>{self.target}] {t}" for t in texts], []

    @property
    def provenance(self) -> dict:
        return {"name": "fake-translator", "revision": None, "path": None}


__all__ = ["TRANSFORMS", "FakeGenerator", "fake_models", "FakeTranslators", "FakeTranslator"]
