from decimal import Decimal

import pytest

from summarizer.summarize.figures import figures, unsupported_figures


@pytest.mark.parametrize(
    "text, expected",
    [
        ("270 mil hogares", {270000}),
        ("270,000 households", {270000}),
        ("270 thousand households", {270000}),
        ("mil 582 casos", {1582}),
        ("1,582 cases", {1582}),
        ("12 mil millones de pesos", {12_000_000_000}),
        ("12 billion pesos", {12_000_000_000}),
        ("2.2 millones de migrantes", {2_200_000}),
        ("2.2 million migrants", {2_200_000}),
        ("ocho mil migrantes", {8000}),
        ("eight thousand migrants", {8000}),
        ("30 por ciento", {30}),
        ("30 percent", {30}),
        ("30%", {30}),
        ("veinticinco estados", {25}),
        ("dos mil 500 millones", {2_500_000_000}),
        ("el 28 de diciembre de 2023", {28, 2023}),
        ("10 mil, 12 mil diarios", {10000, 12000}),
        ("one of the programmes; un programa", set()),
        ("no figures here", set()),
    ],
)
def test_figures_normalise_spanish_and_english(text, expected):
    assert figures(text) == {Decimal(v) for v in expected}


def test_unsupported_figures_catches_a_changed_figure():
    source = ["Se han apoyado a alrededor de 270 mil hogares."]
    assert unsupported_figures("About 270,000 households were helped.", source) == []
    assert unsupported_figures("About 290,000 households were helped.", source) == [Decimal(290000)]
