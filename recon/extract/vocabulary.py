"""The vocabularies an extraction maps text to: entities, properties and terms, with their indexes."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from recon.corpus import Corpus, load_corpus
from recon.diagnostics import ReconError
from recon.model import Entity, Property, Term
from recon.normalize.claims import ClaimNormalizer
from recon.normalize.names import AliasIndex


@dataclass
class Vocabulary:
    """Entities, properties and terms of a claims folder (``claims/vocab``)."""

    entities: dict[str, Entity]
    properties: dict[str, Property]
    terms: dict[str, Term]
    root: Path = field(default=Path("."))

    @classmethod
    def of(cls, corpus: Corpus) -> Vocabulary:
        return cls(dict(corpus.entities), dict(corpus.properties), dict(corpus.terms), corpus.root)

    @cached_property
    def aliases(self) -> AliasIndex:
        return AliasIndex({entity_id: entity.names for entity_id, entity in self.entities.items()})

    @cached_property
    def normalizer(self) -> ClaimNormalizer:
        """Normalizes a candidate exactly as `recon lint` will: what it refuses, lint would too."""
        corpus = Corpus(root=self.root, entities=self.entities, properties=self.properties, terms=self.terms)
        return ClaimNormalizer(corpus)

    def entity_type(self, entity_id: str) -> str:
        return self.entities[entity_id].type


def load_vocabulary(claims_dir: Path) -> Vocabulary:
    """The vocabularies of a claims folder; an error when it has none to offer."""
    if not (claims_dir / "vocab").is_dir():
        raise ReconError(f"{claims_dir}: no vocab/ folder; name the claims folder whose vocabulary to use "
                         "(e.g. --claims claims/)")
    corpus, _ = load_corpus(claims_dir)
    if not corpus.entities or not corpus.properties:
        raise ReconError(f"{claims_dir / 'vocab'}: no entities or properties loaded; run `recon lint "
                         f"{claims_dir}` to see why")
    return Vocabulary.of(corpus)
