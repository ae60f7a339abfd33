"""Measure `recon extract` against the hand-curated claim files of the seed articles.

Run: .venv/bin/python bench/bench_extract.py [--claims claims] [--show-misses] [--full-lexicon]

For each seed article the extractor gets only what a user would give it (the
source id, outlet, publish date, language and zones) and drafts claims for the
page and its dated snippets. A curated numeric or date claim (property kind
count, money, percent, quantity or datetime) is *found* when some candidate's
quote overlaps the curated quote's place in the text and the two values
normalize to the same thing (or are written the same). Precision is the share
of numeric and date candidates that find some curated claim; recall the share
of curated claims found. Both are printed for all candidates and for the
likely ones (confidence >= the policy's `likely_confidence`).

Held-out lexicon (the default): the property words that occur in an article's
own curated quotes and in no other seed article are removed from the
vocabulary before that article is extracted, so no article is helped by words
only its own curation could have taught. `--full-lexicon` uses the vocabulary
as it is.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recon.corpus import Corpus, load_corpus, squash_whitespace  # noqa: E402
from recon.extract import DEFAULT_POLICY, DraftClaim, Vocabulary, extract_article  # noqa: E402
from recon.model import Claim, Source  # noqa: E402
from recon.normalize.claims import QUANTITY_KINDS, normalize_corpus  # noqa: E402
from recon.normalize.script import match_key  # noqa: E402
from recon.values import QuantityValue, TimeValue, Value  # noqa: E402

MEASURED_KINDS = QUANTITY_KINDS | {"datetime"}
Span = tuple[int, int]


@dataclass(frozen=True)
class Curated:
    claim: Claim
    span: Span | None
    value: Value | None


@dataclass
class Score:
    curated: int = 0
    found: int = 0
    candidates: int = 0
    right: int = 0
    likely: int = 0
    likely_right: int = 0
    found_by_likely: int = 0
    same_property: int = 0
    same_subject: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def locate(text: str, quote: str) -> Span | None:
    """Where a quote stands in the text, whitespace runs matching any whitespace."""
    words = quote.split()
    if not words:
        return None
    found = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return found.span() if found else None


def same_value(a: Value | None, b: Value | None) -> bool:
    if isinstance(a, QuantityValue) and isinstance(b, QuantityValue):
        return a.format() == b.format()
    if isinstance(a, TimeValue) and isinstance(b, TimeValue):
        return (a.span.start, a.span.end) == (b.span.start, b.span.end)
    return False


def matches(candidate: DraftClaim, curated: Curated) -> bool:
    if curated.span is None:
        return False
    overlap = candidate.quote_span[0] < curated.span[1] and curated.span[0] < candidate.quote_span[1]
    written_alike = squash_whitespace(candidate.claim.value) == squash_whitespace(curated.claim.value)
    return overlap and (written_alike or same_value(candidate.normalized, curated.value))


def articles(corpus: Corpus) -> list[Source]:
    """The seed pages: sources that are not snippets of another."""
    return [s for s in sorted(corpus.sources.values(), key=lambda s: s.id) if s.excerpt_of is None]


def curated_claims(corpus: Corpus, page: Source, values: dict[str, Value]) -> list[Curated]:
    text = corpus.texts[page.id].text
    result = []
    for claim_id, claim in sorted(corpus.claims.items()):
        source = corpus.source_of(claim_id)
        if source.text != page.text or corpus.properties[claim.property].kind not in MEASURED_KINDS:
            continue
        result.append(Curated(claim, locate(text, claim.quote), values.get(claim_id)))
    return result


def held_out(vocab: Vocabulary, corpus: Corpus, page: Source) -> Vocabulary:
    """The vocabulary without the lexicon words only this page's curated quotes contain."""
    own = " ".join(c.quote for cid, c in corpus.claims.items() if corpus.source_of(cid).text == page.text)
    others = " ".join(corpus.texts[s.id].text for s in articles(corpus) if s.text != page.text)
    own_key, others_key = match_key(own).lower(), match_key(others).lower()

    def keep(word: str) -> bool:
        key = match_key(word).lower()
        return key not in own_key or key in others_key

    properties = {pid: p.model_copy(update={"lexicon": [w for w in p.lexicon if keep(w)]})
                  for pid, p in vocab.properties.items()}
    return Vocabulary(vocab.entities, properties, vocab.terms, vocab.root)


def score_article(candidates: list[DraftClaim], curated: list[Curated]) -> tuple[Score, list[Curated]]:
    likely = DEFAULT_POLICY.likely_confidence
    score = Score(curated=len(curated), candidates=len(candidates))
    score.likely = sum(c.confidence >= likely for c in candidates)
    for candidate in candidates:
        if any(matches(candidate, cur) for cur in curated):
            score.right += 1
            score.likely_right += candidate.confidence >= likely
    missed = []
    for cur in curated:
        found = [c for c in candidates if matches(c, cur)]
        if not found:
            missed.append(cur)
            continue
        score.found += 1
        score.found_by_likely += any(c.confidence >= likely for c in found)
        score.same_property += any(c.claim.property == cur.claim.property for c in found)
        score.same_subject += any(c.claim.subject == cur.claim.subject for c in found)
    return score, missed


def run(corpus: Corpus, full_lexicon: bool, show_misses: bool) -> Score:
    vocab = Vocabulary.of(corpus)
    normalized, _ = normalize_corpus(corpus)
    values = {n.id: n.value for n in normalized}
    total = Score()
    print(f"{'article':<8} {'curated':>7} {'found':>5} {'cands':>5} {'P':>6} {'R':>6} | "
          f"{'likely':>6} {'P':>6} {'R':>6} | {'same prop':>9} {'same subj':>9}")
    for page in articles(corpus):
        source = Source(id=page.id, outlet=page.outlet, published=page.published, language=page.language,
                        zone=page.zone, local_zone=page.local_zone, text=page.text)
        used = vocab if full_lexicon else held_out(vocab, corpus, page)
        draft = extract_article(corpus.texts[page.id].text, source, used)
        candidates = [c for c in draft.all_claims() if c.kind in ("quantity", "time")]
        score, missed = score_article(candidates, curated_claims(corpus, page, values))
        print_row(page.id, score)
        total.add(score)
        if show_misses:
            for cur in missed:
                print(f"    missed {cur.claim.id}: {cur.claim.value!r} ({cur.claim.property})")
    print_row("overall", total)
    return total


def print_row(name: str, s: Score) -> None:
    def pct(a: int, b: int) -> str:
        return f"{100 * a / b:5.1f}%" if b else "    -"

    print(f"{name:<8} {s.curated:>7} {s.found:>5} {s.candidates:>5} {pct(s.right, s.candidates):>6} "
          f"{pct(s.found, s.curated):>6} | {s.likely:>6} {pct(s.likely_right, s.likely):>6} "
          f"{pct(s.found_by_likely, s.curated):>6} | {pct(s.same_property, s.found):>9} "
          f"{pct(s.same_subject, s.found):>9}")


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=Path, default=ROOT / "claims", help="the curated claims folder")
    parser.add_argument("--full-lexicon", action="store_true", help="do not hold out each article's own words")
    parser.add_argument("--show-misses", action="store_true", help="list the curated claims not found")
    args = parser.parse_args(list(argv) if argv is not None else None)
    corpus, _ = load_corpus(args.claims)
    mode = "full lexicon" if args.full_lexicon else "held-out lexicon"
    print(f"recon extract vs curated numeric and date claims ({mode}; likely = confidence >= "
          f"{DEFAULT_POLICY.likely_confidence})")
    run(corpus, args.full_lexicon, args.show_misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
