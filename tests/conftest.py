"""Shared fixtures: small hand-made corpora written to tmp_path."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ARTICLE = "截至北京时间 21 日早,OpenAI 全数约 770 名员工中已经有超过 700 人签署了这封联名信。\n"

VOCAB = """\
entities:
  - id: openai
    type: organization
    names: [OpenAI]
  - id: letter
    type: document
    names: [联名信, the letter]
properties:
  - id: signatories
    label: number of signatories
    kind: count
    unit: person
    behaviour: accumulating
  - id: employee-count
    label: number of employees
    kind: count
    unit: person
    behaviour: changing
"""

CLAIMS = """\
source:
  id: "s1"
  outlet: Example Daily
  published: 2023-11-22T17:23:04+08:00
  language: zh-Hans
  text: sources/s1.txt
claims:
  - id: s1-signatories
    subject: letter
    property: signatories
    value: 超过 700 人
    time: 截至北京时间 21 日早
    quote: OpenAI 全数约 770 名员工中已经有超过 700 人签署了这封联名信
  - id: s1-staff
    subject: openai
    property: employee-count
    value: 约 770 名
    quote: OpenAI 全数约 770 名员工
"""


def write_corpus(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write files (text is dedented) under root and return root."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A clean two-claim corpus."""
    return write_corpus(tmp_path / "claims", {
        "vocab/vocab.yaml": VOCAB,
        "s1.yaml": CLAIMS,
        "sources/s1.txt": ARTICLE,
    })
