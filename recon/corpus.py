"""Loading a claims folder into a :class:`Corpus`, with diagnostics for everything wrong.

A corpus folder holds vocabularies under ``vocab/``, one YAML file per source
with its claims, and the archived texts the claims quote. Loading validates
each file against the model, checks that every id a claim uses is defined,
and that every quote is grounded in its source's archived text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from recon.diagnostics import IN_ORDER, Diagnostic, Location, ReconError
from recon.gc_pause import gc_paused
from recon.model import (PLAIN_TEXT_PATTERN, Claim, ClaimFile, Entity, Property, Relation, Source, Term,
                         VocabularyFile)
from recon.yamlio import YamlDocument, load_yaml, read_text

VOCAB_DIR = "vocab"
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class SourceText:
    """An archived text, and its whitespace-squashed form for grounding quotes."""

    path: Path
    text: str
    squashed: str = field(repr=False)

    @classmethod
    def of(cls, path: Path, text: str) -> SourceText:
        return cls(path, text, squash_whitespace(text))

    def grounds(self, quote: str) -> bool:
        return squash_whitespace(quote) in self.squashed


@dataclass
class Corpus:
    """Everything loaded from a claims folder, with where each record was written."""

    root: Path
    sources: dict[str, Source] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    properties: dict[str, Property] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    relations: dict[str, Relation] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    claim_source: dict[str, str] = field(default_factory=dict)
    texts: dict[str, SourceText] = field(default_factory=dict)
    where: dict[tuple[str, str], YamlDocument] = field(default_factory=dict, repr=False)
    paths: dict[tuple[str, str], tuple[int | str, ...]] = field(default_factory=dict, repr=False)
    rejected: set[tuple[str, str]] = field(default_factory=set, repr=False)  # (table, id) defined with errors
    unread_vocabulary: list[Path] = field(default_factory=list, repr=False)  # vocabulary files that did not parse

    def lacks(self, table: str, record_id: str) -> bool:
        """Whether an id names no record of a table (``"entities"``, ...); one defined with schema errors,
        already reported where it is written, counts as present."""
        return record_id not in getattr(self, table) and (table, record_id) not in self.rejected

    def location(self, kind: str, record_id: str, *fields: int | str) -> Location:
        """Where a record (or one of its fields) was written: ``location("claim", id, "quote")``."""
        doc = self.where.get((kind, record_id))
        if doc is None:
            return Location(str(self.root))
        return doc.location(self.paths[(kind, record_id)] + fields)

    def source_of(self, claim_id: str) -> Source:
        return self.sources[self.claim_source[claim_id]]


def squash_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space: the only normalization quotes get."""
    return " ".join(text.split())


def corpus_root(paths: Iterable[Path]) -> Path:
    """The folder that holds ``vocab/``: the given folder, or the nearest one above a given file."""
    first = next(iter(paths), None)
    if first is None:
        raise ReconError("no path given; name a claims folder, e.g. `recon lint claims/`")
    start = first if first.is_dir() else first.parent
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / VOCAB_DIR).is_dir():
            return folder
    return start.resolve()


def discover_files(root: Path) -> tuple[list[Path], list[Path]]:
    """Vocabulary files and claim files (``.yaml``/``.yml``, any case) under a corpus root, in a stable
    order; version-control folders (``.git``) are not searched."""
    vocab: list[Path] = []
    claims: list[Path] = []
    for path in sorted(corpus_files(root)):
        if path.suffix.lower() in YAML_SUFFIXES:
            (vocab if VOCAB_DIR in path.relative_to(root).parts[:-1] else claims).append(path)
    return vocab, claims


#: Version-control folders: never part of a corpus.
VCS_FOLDERS = frozenset({".git", ".hg", ".svn"})


def corpus_files(root: Path) -> Iterator[Path]:
    """Every file under a corpus root outside version-control folders: what loading may read."""
    for path in root.rglob("*"):
        folders = path.relative_to(root).parts[:-1]
        if not VCS_FOLDERS.intersection(folders) and path.is_file():
            yield path


def load_corpus(root: Path, display_base: Path | None = None) -> tuple[Corpus, list[Diagnostic]]:
    """Load and check a whole corpus. Problems come back as diagnostics; nothing is dropped silently."""
    if not root.is_dir():
        raise ReconError(f"{root}: not a folder; name the claims folder, e.g. `recon lint claims/`")
    if root.resolve().name == VOCAB_DIR and not (root / VOCAB_DIR).is_dir():
        raise ReconError(f"{root} is a vocabulary folder; name the claims folder that holds it "
                         f"({root.resolve().parent})")
    loader = _CorpusLoader(root.resolve(), display_base or Path.cwd())
    with gc_paused():  # bulk loads of many small objects run 3-6x faster without cyclic GC
        return loader.run()


class _CorpusLoader:
    def __init__(self, root: Path, display_base: Path) -> None:
        self.corpus = Corpus(root=root)
        self.display_base = display_base.resolve()
        self.diagnostics: list[Diagnostic] = []
        self._folders: dict[Path, Path] = {}

    def run(self) -> tuple[Corpus, list[Diagnostic]]:
        vocab_files, claim_files = discover_files(self.corpus.root)
        for path in vocab_files:
            self._load_vocabulary(path)
        for path in claim_files:
            self._load_claim_file(path)
        from recon.references import check_references

        self.diagnostics.extend(check_references(self.corpus))
        return self.corpus, sorted(self.diagnostics, key=IN_ORDER)

    def display(self, path: Path) -> str:
        try:
            return str(self._resolve(path).relative_to(self.display_base))
        except ValueError:
            return str(path)

    def _resolve(self, path: Path) -> Path:
        """``path.resolve()``, resolving each folder once: a corpus has thousands of files in a few folders."""
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = path.parent.resolve()
        if path.name in ("", ".", "..") or path.is_symlink():
            return path.resolve()
        return folder / path.name

    def _parse(self, path: Path, model: type[BaseModel]) -> tuple[YamlDocument | None, Any, Any]:
        """The document, its validated model, and (only when validation failed) the data to salvage records from.

        A file's schema errors are all reported here; its records that are valid
        on their own are kept, so one bad entry does not hide a whole file.
        """
        doc, problems = load_yaml(path, self.display(path))
        self.diagnostics.extend(problems)
        if doc is None:
            return None, None, None
        if doc.data is None:
            self.diagnostics.append(Diagnostic.at(doc.location(), "warning", "Y008", "empty file"))
            return None, None, None
        try:
            return doc, model.model_validate(doc.data), None
        except ValidationError as exc:
            self.diagnostics.extend(schema_diagnostics(exc, doc))
            return doc, None, doc.data
        finally:
            doc.data = None  # the model holds the values now; the corpus keeps the document for locations only

    def _load_vocabulary(self, path: Path) -> None:
        doc, vocab, rejected = self._parse(path, VocabularyFile)
        if doc is None:
            self.corpus.unread_vocabulary.append(path)
            return
        for kind, key, model in VOCABULARY_LISTS:
            records = (enumerate(getattr(vocab, key)) if vocab is not None
                       else _valid_items(rejected, key, model, self.corpus.rejected))
            for index, record in records:
                self._register(kind, record, doc, (key, index))

    def _load_claim_file(self, path: Path) -> None:
        doc, parsed, rejected = self._parse(path, ClaimFile)
        if doc is None:
            return
        source = (parsed.source if parsed is not None
                  else _valid_record(rejected, "source", Source, "sources", self.corpus.rejected))
        if source is None or not self._register("source", source, doc, ("source",)):
            return  # without a valid source its claims cannot be placed; the errors say why
        self._load_source_text(source, path.parent, doc)
        claims = (enumerate(parsed.claims) if parsed is not None
                  else _valid_items(rejected, "claims", Claim, self.corpus.rejected))
        for index, claim in claims:
            if self._register("claim", claim, doc, ("claims", index)):
                self.corpus.claim_source[claim.id] = source.id

    def _register(self, kind: str, record: Any, doc: YamlDocument, path: tuple[int | str, ...]) -> bool:
        table: dict[str, Any] = getattr(self.corpus, _TABLES[kind])
        if record.id in table:
            first = self.corpus.location(kind, record.id)
            self.diagnostics.append(Diagnostic.at(doc.location(path + ("id",)), "error", "R002",
                                                  f"duplicate {kind} id '{record.id}' (first defined at {first}); "
                                                  "ids must be unique across the corpus"))
            return False
        table[record.id] = record
        self.corpus.where[(kind, record.id)] = doc
        self.corpus.paths[(kind, record.id)] = path
        return True

    def _load_source_text(self, source: Source, base: Path, doc: YamlDocument) -> None:
        def where() -> Location:  # only on failure: a location composes the file's node tree
            return doc.location(("source", "text"))

        try:
            target = self._resolve(base / source.text)
            target.is_file()
        except (OSError, RuntimeError, ValueError) as exc:  # too long, a symlink loop, a NUL byte
            self.diagnostics.append(Diagnostic.at(where(), "error", "G004",
                                                  f"source text path unusable: {getattr(exc, 'strerror', None) or exc}"))
            return
        if not target.is_relative_to(self.corpus.root):
            self.diagnostics.append(Diagnostic.at(where(), "error", "G005",
                                                  f"source text '{source.text}' lies outside the corpus folder "
                                                  f"{self.display(self.corpus.root)}; archive it under sources/"))
            return
        if not target.is_file():
            self.diagnostics.append(Diagnostic.at(where(), "error", "G004",
                                                  f"source text '{source.text}' not found; archive the article there"))
            return
        text, problems = read_text(target, self.display(target))
        if text is None:
            self.diagnostics.extend(Diagnostic.at(where(), "error", "G004", f"source text unusable: {p.message}")
                                    for p in problems)
            return
        self.corpus.texts[source.id] = SourceText.of(target, text)


#: A vocabulary file's lists: the kind of record, its key in the file, its model.
VOCABULARY_LISTS: tuple[tuple[str, str, type[BaseModel]], ...] = (
    ("entity", "entities", Entity), ("property", "properties", Property), ("term", "terms", Term),
    ("relation", "relations", Relation))


def _valid_record(data: Any, key: str, model: type[BaseModel], table: str, rejected: set[tuple[str, str]]) -> Any:
    """``data[key]`` as a model if it validates on its own, else None (see _validated)."""
    return _validated(data.get(key) if isinstance(data, dict) else None, model, table, rejected)


def _valid_items(data: Any, key: str, model: type[BaseModel],
                 rejected: set[tuple[str, str]]) -> Iterator[tuple[int, Any]]:
    """(index, model) of each item of the list ``data[key]`` that validates on its own (see _validated)."""
    items = data.get(key) if isinstance(data, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else []):
        record = _validated(item, model, key, rejected)
        if record is not None:
            yield index, record


def _validated(item: Any, model: type[BaseModel], table: str, rejected: set[tuple[str, str]]) -> Any:
    """``item`` as a model, or None; a record that does not validate has its errors reported already,
    and its id (if readable) goes to ``rejected`` under ``table``, so references to it are not unknown."""
    try:
        return model.model_validate(item)
    except ValidationError:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            rejected.add((table, item["id"]))
        return None


_TABLES = {"entity": "entities", "property": "properties", "term": "terms", "relation": "relations",
           "source": "sources", "claim": "claims"}


def schema_diagnostics(exc: ValidationError, doc: YamlDocument) -> Iterator[Diagnostic]:
    """Turn pydantic's errors into file:line:col diagnostics at the offending YAML node."""
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        where = doc.location(loc)
        field_path = ".".join(str(part) for part in loc) or "(file)"
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = f"unknown key '{loc[-1]}'; check its spelling against docs/claim-format.md"
        elif error["type"] == "missing":
            message = f"missing required key '{loc[-1]}'"
        elif error["type"] == "string_pattern_mismatch" and error["ctx"]["pattern"] == PLAIN_TEXT_PATTERN:
            message = "contains a control character; remove it (quotes must be plain text)"
        elif error["type"].startswith("time_delta"):
            message = f"{message}; write an ISO 8601 duration such as P1D or PT6H"
        yield Diagnostic.at(where, "error", "S001", f"{field_path}: {message}")
