"""What tests (and offline trials) need: tiny random models of the real architectures,
laid out like a models folder, and fakes that replace the models through public seams.

``python -m summarizer.testing DEST`` writes, in seconds::

    DEST/opus-mt-es-en/          Marian es→en, SentencePiece vocabularies trained on Spanish/English text
    DEST/opus-mt-en-es/          Marian en→es
    DEST/distilbart-cnn-12-6/    BART with a byte-level BPE tokenizer
    DEST/<each>.ct2-int8/        its CTranslate2 int8 copy, as `summarizer models convert` writes it

so that ``SUMMARIZER_MODELS_DIR=DEST`` runs every command offline through the same
``from_pretrained`` code as the real models, with either backend. The weights are random: the output is
gibberish of plausible shape, good for tests and trials, never for reading.

The fakes record their calls (as simonw/llm's ``MockModel``) and go in one way: registered
in a `summarizer.models.Models` (`Models.register`), which the caller hands to
`Summarizer`, `Translator`, `translate`, `summarize` and the batch jobs. `fake_models`
makes one with nothing on disk and the fakes asked for: a `FakeGenerator` in place of a
task's model, a `FakeTranslators` in place of the translators themselves::

    models = fake_models(translate="upper", summarize="first-words")
    Summarizer(SummaryOptions(mode="abstractive"), models=models).summarize(text)
"""

from .fakes import TRANSFORMS, FakeGenerator, FakeTranslator, FakeTranslators, fake_models
from .tiny import (
    MARKER,
    TINY,
    build_bart,
    build_chat,
    build_marian,
    build_models,
    main,
    marian_vocab,
    sample_texts,
    train_sentencepiece,
)

__all__ = ["TRANSFORMS", "FakeGenerator", "FakeTranslator", "FakeTranslators", "fake_models", "MARKER", "TINY",
           "build_bart", "build_chat", "build_marian", "build_models", "main", "marian_vocab", "sample_texts",
           "train_sentencepiece"]
