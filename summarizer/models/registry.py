"""The model registry: which Hugging Face model does which task, pinned.

A model is named by a hub id (``Helsinki-NLP/opus-mt-es-en``) or a local folder; where
it is found is `locate`'s business, loading it `loading`'s.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UnsupportedLanguageError
from ..settings import option

TASKS = ("translate", "summarize", "chat")


@dataclass(frozen=True)
class ModelSpec:
    """A model for one task.

    Attributes:
        task: "translate", "summarize" or "chat" (an instruct model with a chat template).
        name: hub id or local folder.
        revision: the pinned hub revision (commit, tag or ref), None for "main" or a folder.
        source, target: the language pair of a translation model.
    """

    task: str
    name: str
    revision: str | None = None
    source: str | None = None
    target: str | None = None

    @property
    def short_name(self) -> str:
        """The last part of the hub id (``opus-mt-es-en``)."""
        return self.name.rstrip("/\\").replace("\\", "/").split("/")[-1]

    @property
    def folder_names(self) -> tuple[str, ...]:
        """Sub-folder names under which the models folder may hold this model."""
        names = [self.short_name]
        if "/" in self.name:
            names.append(self.name.replace("/", "--"))
        return tuple(dict.fromkeys(names))

    @property
    def describe(self) -> str:
        what = f"translate {self.source}→{self.target}" if self.task == "translate" else self.task
        return f"{self.name} ({what}{f', revision {self.revision}' if self.revision else ''})"


# Pinned defaults. opus-mt's safetensors weights are on the hub's conversion ref
# (refs/pr/4); distilbart-cnn-12-6 at a4f8f3e is the revision transformers' own
# summarization pipeline pinned; Qwen2.5-1.5B-Instruct at 989aa79 is its last commit as
# other projects pin it. None could be checked against the hub from the
# machines this was written on: should a revision lack model.safetensors,
# `summarizer models download NAME --revision REF` fetches another.
REGISTRY: dict[tuple[str, str | None, str | None], ModelSpec] = {
    ("translate", "es", "en"): ModelSpec("translate", "Helsinki-NLP/opus-mt-es-en", "refs/pr/4", "es", "en"),
    ("translate", "en", "es"): ModelSpec("translate", "Helsinki-NLP/opus-mt-en-es", "refs/pr/4", "en", "es"),
    ("summarize", None, None): ModelSpec("summarize", "sshleifer/distilbart-cnn-12-6", "a4f8f3e"),
    ("chat", None, None): ModelSpec("chat", "Qwen/Qwen2.5-1.5B-Instruct", "989aa7980e4cf806f80c7fef2b1adb7bc71aa306"),
}
OPTIONAL = frozenset({"chat"})
"""Tasks whose default model is fetched only when named (``summarizer models download chat``):
Qwen2.5-1.5B-Instruct (Apache-2.0) is 3 GB, the others together 0.9 GB."""

def supported_pairs() -> list[tuple[str, str]]:
    return [(s, t) for task, s, t in REGISTRY if task == "translate"]


def _pairs_text() -> str:
    return ", ".join(f"{s}→{t}" for s, t in supported_pairs())


def spec_for(task: str, *, source: str | None = None, target: str | None = None, name: str | None = None) -> ModelSpec:
    """The `ModelSpec` for a task (and pair); ``name`` (hub id or folder) overrides the default.

    Raises `UnsupportedLanguageError` for a pair no registered model covers (unless
    ``name`` gives the model) and ValueError for an unknown task.
    """
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; tasks are {', '.join(TASKS)}")
    source = source.strip().lower() if source else None
    target = target.strip().lower() if target else None
    if task == "translate":
        if not source or not target:
            raise ValueError("translation needs both source and target languages")
        default = REGISTRY.get((task, source, target))
    else:
        default = REGISTRY[(task, None, None)]
    if name:
        for spec in REGISTRY.values():
            if spec.task == task and name in (spec.name, spec.short_name) and (default is None or spec == default):
                return spec
        return ModelSpec(task, name, None, source, target)
    if default is None:
        raise UnsupportedLanguageError(
            f"no translation model for {source}→{target}; supported pairs: {_pairs_text()} "
            f"(or name a Marian model for that pair with {option('model')})"
        )
    return default


def find_spec(name: str) -> ModelSpec | None:
    """The registered spec whose hub id, short name or key (``es-en``, ``summarize``) is ``name``."""
    for (task, source, target), spec in REGISTRY.items():
        keys = {spec.name, spec.short_name, spec.name.replace("/", "--")}
        keys.add(f"{source}-{target}" if task == "translate" else task)
        if name in keys:
            return spec
    return None
