"""Answer lines against the hand-labelled direct answers of reporters' questions.

Usage: python benchmarks/answer_lines.py [ANSWER_SET] [--quotes QUOTE_SET]

ANSWER_SET (``../shared/answers-dev`` by default) holds, per conference, reporters'
questions with the span of the sentence that directly answers them (or defers, or
refuses) and the kind of answer; offsets point into the transcripts of QUOTE_SET
(``../shared/quotes-dev/transcripts``). For each labelled question the brief's question
that asks it (its asked sentences overlap the labelled question) is found; its answer
line is right when it overlaps the labelled answer. A question the brief does not list
counts as wrong. Beside ours, in the same run: the first sentence of the reply (the
reply's first sentence, procedure included), and the best-scored sentence of the
answer's segment (how answer lines were chosen before). Also: how often the kind of
answer (direct, deferral, refusal, none) is right, and how often the printed answerer is
the speaker of the turn that holds the answer line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from summarizer import parse_transcript
from summarizer.evaluation import overlaps
from summarizer.parse.sentences import sentence_spans
from summarizer.select import select
from summarizer.select.answers import reply_turns
from summarizer.select.topics import best_sentence

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SET = ROOT.parent / "shared" / "answers-dev"
DEFAULT_QUOTES = ROOT.parent / "shared" / "quotes-dev"


def first_of_reply(doc, question) -> tuple[int, int] | None:
    for turn in reply_turns(doc, question.turns):
        spans = sentence_spans(doc.text, turn.start, turn.end)
        if spans:
            return spans[0]
    return None


def best_scored(question) -> tuple[int, int] | None:
    line = best_sentence(list(question.answer)) if question.answer else None
    return (line.start, line.end) if line is not None else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("answer_set", nargs="?", default=str(DEFAULT_SET))
    parser.add_argument("--quotes", default=str(DEFAULT_QUOTES))
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    files = sorted(Path(args.answer_set).glob("*.json"))
    if not files:
        print(f"no labelled questions (*.json) in {args.answer_set}", file=sys.stderr)
        return 2
    right: dict[str, list[bool]] = {"ours": [], "first sentence of the reply": [],
                                    "best-scored sentence of the answer's segment": []}
    by_kind: dict[str, list[bool]] = {}
    kinds, names, listed = [], [], []
    for path in files:
        labelled = json.loads(path.read_text(encoding="utf-8"))
        doc = parse_transcript((Path(args.quotes) / "transcripts" / f"{labelled['conference_date']}.txt").read_bytes())
        questions = select(doc).questions
        for item in labelled["questions"]:
            asked = (item["question"]["start"], item["question"]["end"])
            gold = [(a["start"], a["end"]) for a in item["answer_spans"]]
            ours = next((q for q in questions if any(overlaps(asked, s) for s in q.sentences)), None)
            listed.append(ours is not None)
            spans = {"ours": (ours.line.start, ours.line.end) if ours and ours.line else None,
                     "first sentence of the reply": first_of_reply(doc, ours) if ours else None,
                     "best-scored sentence of the answer's segment": best_scored(ours) if ours else None}
            for name, span in spans.items():
                hit = (span is not None and any(overlaps(span, g) for g in gold)) if gold else span is None
                right[name].append(hit)
            by_kind.setdefault(item["kind"], []).append(right["ours"][-1])
            kinds.append((item["kind"], ours.kind if ours else "unlisted"))
            if ours and ours.line:
                names.append(ours.answerer == doc.turn_at(ours.line.start).speaker)
            if not args.quiet and not right["ours"][-1]:
                print(f"  {labelled['conference_date']} {item['kind']:8} {item['question']['text'][:60]!r} → ours: "
                      f"{(ours.line.text[:70] if ours and ours.line else None)!r}")
    n = len(listed)
    print(f"{n} labelled questions of {len(files)} conferences; {sum(listed)} listed by the brief")
    print(f"{'answer line':48} right")
    for name, hits in right.items():
        print(f"{name:48} {sum(hits) / n:.3f} ({sum(hits)}/{n})")
    print("ours by kind: " + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(by_kind.items())))
    agree = sum(gold == ours for gold, ours in kinds)
    print(f"kind of answer right: {agree}/{n}; confusions: "
          + ", ".join(f"{g}→{o} {c}" for (g, o), c in sorted(Counter(k for k in kinds if k[0] != k[1]).items())))
    print(f"printed answerer is the speaker of the answer line's turn: {sum(names)}/{len(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
