"""Build small hand-made corpora in a folder: sources, claims and the texts they quote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from recon.corpus import Corpus, load_corpus
from recon.diagnostics import has_errors

VOCAB: dict[str, Any] = {
    "entities": [
        {"id": "letter", "type": "document", "names": ["联名信", "the letter"]},
        {"id": "openai", "type": "organization", "names": ["OpenAI"]},
        {"id": "twitch", "type": "organization", "names": ["Twitch"]},
        {"id": "microsoft", "type": "organization", "names": ["Microsoft", "微软"]},
        {"id": "shear", "type": "person", "names": ["Emmett Shear", "Shear"]},
        {"id": "altman", "type": "person", "names": ["Sam Altman", "阿爾特曼", "奥特曼"]},
    ],
    "properties": [
        {"id": "signatories", "label": "signatories", "kind": "count", "unit": "person",
         "behaviour": "accumulating", "lexicon": ["签署", "signed"]},
        {"id": "employee-count", "label": "employees", "kind": "count", "unit": "person",
         "behaviour": "changing", "lexicon": ["员工", "employees"]},
        {"id": "signatory-share", "label": "share who signed", "kind": "percent", "unit": "percent",
         "behaviour": "accumulating"},
        {"id": "market-cap-change", "label": "market cap change", "kind": "money", "unit": "USD",
         "behaviour": "static", "lexicon": ["市值"]},
        {"id": "role", "label": "role", "kind": "role", "behaviour": "changing", "multi_valued": True},
        {"id": "dismissed", "label": "date dismissed", "kind": "datetime", "behaviour": "static",
         "lexicon": ["解雇", "fired"]},
    ],
    "terms": [
        {"id": "ceo", "names": ["CEO"], "disjoint_with": ["former-ceo"]},
        {"id": "interim-ceo", "names": ["临时CEO", "interim CEO"], "broader": "ceo"},
        {"id": "former-ceo", "names": ["前CEO", "former CEO"]},
        {"id": "co-founder", "names": ["联合创始人", "co-founder"]},
    ],
    "relations": [
        {"id": "share", "kind": "ratio", "factor": 100,
         "operands": [{"subject": "letter", "property": "signatories"},
                      {"subject": "openai", "property": "employee-count"}],
         "result": {"subject": "letter", "property": "signatory-share"}},
    ],
}


def source(source_id: str, published: str, claims: list[dict[str, Any]], **meta: Any) -> dict[str, Any]:
    """A source record with its claims; quotes default to the value, ids to source-index."""
    full = []
    for index, claim in enumerate(claims):
        claim = dict(claim)
        claim.setdefault("id", f"{source_id}-{index}")
        claim.setdefault("quote", claim["value"] if "time" not in claim else f"{claim['time']},{claim['value']}")
        full.append(claim)
    return {"source": {"id": source_id, "outlet": meta.pop("outlet", f"Outlet {source_id}"), "published": published,
                       "language": meta.pop("language", "zh-Hans"), "text": f"sources/{source_id}.txt",
                       "local_zone": "America/Los_Angeles", **meta}, "claims": full}


def write(root: Path, sources: list[dict[str, Any]], vocab: dict[str, Any] | None = None) -> Path:
    (root / "vocab").mkdir(parents=True, exist_ok=True)
    (root / "sources").mkdir(exist_ok=True)
    (root / "vocab" / "vocab.yaml").write_text(yaml.safe_dump(vocab or VOCAB, allow_unicode=True), encoding="utf-8")
    for record in sources:
        sid = record["source"]["id"]
        text = "\n".join(c["quote"] for c in record["claims"]) + "\n"
        (root / "sources" / f"{sid}.txt").write_text(text, encoding="utf-8")
        (root / f"{sid}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    return root


def load(root: Path, sources: list[dict[str, Any]], vocab: dict[str, Any] | None = None) -> Corpus:
    corpus, diagnostics = load_corpus(write(root, sources, vocab))
    assert not has_errors(diagnostics), [d.format_text() for d in diagnostics]
    return corpus
