"""Drafting claim files from unseen articles (`recon extract`).

>>> vocab = load_vocabulary(Path("claims"))                        # doctest: +SKIP
>>> draft = extract_article(text, source, vocab)                    # doctest: +SKIP
>>> write_draft(draft, Path("claims/005.yaml"))                     # doctest: +SKIP

Modules, in pipeline order: ``header`` (who published it, when), ``cleanup``
(what of the page is the article, which snippets are sources of their own),
``candidates`` (numbers, times, titles and names in it), ``fitting`` and
``titles`` (which slots a value can fill), ``assign`` (the likeliest slots of
each value), ``consistency`` (no claim repeats or contradicts a likelier one),
``aliases`` (names the vocabulary lacks), ``draft`` (the YAML a person
reviews). ``article`` runs them; ``policy`` holds every setting; ``text`` and
``vocabulary`` are the shared geometry and vocabularies.
"""

from __future__ import annotations

from recon.extract.article import clean_page, default_draft_path, draft_for_file, extract_article, summarize
from recon.extract.draft import Draft, DraftClaim, render_draft, write_draft
from recon.extract.header import article_source, read_header
from recon.extract.policy import DEFAULT_POLICY, ExtractPolicy
from recon.extract.vocabulary import Vocabulary, load_vocabulary

__all__ = [
    "DEFAULT_POLICY",
    "Draft",
    "DraftClaim",
    "ExtractPolicy",
    "Vocabulary",
    "article_source",
    "clean_page",
    "default_draft_path",
    "draft_for_file",
    "extract_article",
    "load_vocabulary",
    "read_header",
    "render_draft",
    "summarize",
    "write_draft",
]
