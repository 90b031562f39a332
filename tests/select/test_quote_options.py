"""extract_quotes' options are honoured or refused, never silently ignored."""

import pytest

from summarizer import OptionError, SummarizerError, extract_quotes

from support import SEEDS

SEED = (SEEDS / "2023-12-28.web.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", [0, -1, 1.5, "2", True])
def test_max_per_exchange_below_one_is_refused(value):
    with pytest.raises(OptionError, match="max_per_exchange must be a whole number of at least 1") as caught:
        extract_quotes(SEED, k=3, max_per_exchange=value)
    assert isinstance(caught.value, SummarizerError) and isinstance(caught.value, ValueError)


def test_max_per_exchange_one_is_honoured():
    quotes = extract_quotes(SEED, k=4, max_per_exchange=1)
    exchanges = [q.exchange for q in quotes]
    assert len(exchanges) == len(set(exchanges))
