"""Paths and inputs the tests share (import it as ``from support import …``)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
DATA = REPO / "tests" / "data"
CORPUS = REPO.parent / "shared" / "corpus"
"""The 24-transcript test corpus beside this clone (absent from a user's clone)."""

TRANSFORMERS_ONLY = pytest.mark.parametrize("tiny_models", ["transformers"], indirect=True)
"""For a test of transformers' own objects (`get_model`): the tiny models with that backend only."""


def small_transcript(n: int) -> str:
    return (
        f"Versión estenográfica {n}\n\n"
        f"PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días. Hoy es el día {n}.\n\n"
        f"PREGUNTA: ¿Qué pasó con el tema {n}?\n\n"
        f"PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Vamos a informar mañana.\n"
    )
