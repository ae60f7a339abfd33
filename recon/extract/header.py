"""Who published an article and when: command-line options, a header the user writes, the page itself.

A user may open the article file with a header between two ``---`` lines::

    ---
    id: en-001
    outlet: Example News
    published: 2023-11-22T17:23:04+08:00
    language: en
    local_zone: America/Los_Angeles
    ---

Options given on the command line win over the header; what neither gives is
read from the page (a date line such as ``2023-11-22 17:23:04``, the title,
a ``来源:`` credit) or left empty and said so in the draft's note.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from pydantic import ValidationError

from recon.diagnostics import ReconError
from recon.extract.cleanup import CleanedArticle
from recon.extract.policy import DEFAULT_POLICY, ExtractPolicy
from recon.model import Source
from recon.normalize.script import detect_language

_FENCE = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
HEADER_KEYS = ("id", "outlet", "author", "title", "url", "published", "language", "zone", "local_zone",
               "reprint_of", "credits", "written")
_KEY_ALIASES = {"source_id": "id", "source": "id"}


@dataclass(frozen=True)
class Header:
    """The fields of a user-written header, and where the article text starts after it."""

    fields: dict[str, Any]
    body_start: int


def read_header(text: str) -> Header:
    """The ``---`` header at the top of ``text``, if any; its keys are Source fields."""
    found = _FENCE.match(text)
    if found is None:
        return Header({}, 0)
    try:
        data = yaml.safe_load(found.group(1) or "") or {}
    except yaml.YAMLError as exc:
        raise ReconError(f"the article's header (between the --- lines) is not valid YAML: {exc}") from None
    except (ValueError, TypeError, OverflowError) as exc:  # yaml builds dates: 2023-02-30 fails there
        raise ReconError(f"the article's header (between the --- lines) holds an impossible value: {exc}") from None
    if not isinstance(data, dict):
        raise ReconError("the article's header must be `key: value` lines, e.g. `outlet: Example News`")
    fields: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = _KEY_ALIASES.get(str(raw_key).replace("-", "_"), str(raw_key).replace("-", "_"))
        if key not in HEADER_KEYS:
            raise ReconError(f"unknown key '{raw_key}' in the article's header; use: {', '.join(HEADER_KEYS)}")
        fields[key] = str(value) if key == "id" else value
    return Header(fields, found.end())


def article_source(cleaned: CleanedArticle, text_path: str, options: dict[str, Any],
                   policy: ExtractPolicy = DEFAULT_POLICY) -> Source:
    """The Source of an article: options over its header over what the page shows."""
    header = read_header(cleaned.text)
    fields = {**header.fields, **{k: v for k, v in options.items() if v not in (None, "", ())}}
    if not fields.get("id"):
        fields["id"] = id_from_file_name(text_path)
    for required, option in (("id", "--source-id"), ("outlet", "--outlet")):
        if not fields.get(required):
            raise ReconError(f"no source {required}: pass {option} or write `{required}:` in the article's header")
    language = fields.get("language") or detect_language(cleaned.body_text)
    fields.setdefault("language", language)
    fields.setdefault("zone", policy.default_zones.get(language, "UTC"))
    if not fields.get("title") and cleaned.title is not None:
        fields["title"] = cleaned.title.text.strip()
    if not fields.get("credits") and cleaned.credits:
        fields["credits"] = list(cleaned.credits)
    if not fields.get("published") and cleaned.page_date:
        try:
            fields["published"] = page_date(cleaned.page_date, str(fields["zone"]))
        except (ValueError, KeyError, OverflowError) as exc:  # ZoneInfoNotFoundError is a KeyError
            raise ReconError(f"the page's date line '{cleaned.page_date}' cannot be read in zone "
                             f"'{fields['zone']}' ({exc}); pass --published (and --zone)") from None
    fields["text"] = text_path
    try:
        return Source.model_validate(fields)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors(include_url=False))
        raise ReconError(f"the source's details do not fit the claim format: {problems}") from None


def id_from_file_name(path: str) -> str | None:
    """A source id from an article's file name: its stem, with what ids do not allow made a '-'."""
    stem = re.sub(r"[^A-Za-z0-9._:-]+", "-", Path(path).stem).strip("-._:")[:120]
    return stem or None


def page_date(written: str, zone: str) -> dt.datetime | dt.date:
    """A page's own date line (``2023-11-22 17:23:04``) read in the source's home zone; a dateline
    already read with its own zone comes as ISO text with its offset."""
    if "T" in written and ("+" in written or written.endswith("Z")):
        return dt.datetime.fromisoformat(written)
    day, _, clock = written.partition(" ")
    year, month, mday = (int(part) for part in day.replace("/", "-").replace(".", "-").split("-"))
    date = dt.date(year, month, mday)
    if not clock:
        return date
    hour, minute, *second = (int(part) for part in clock.split(":"))
    return dt.datetime(date.year, date.month, date.day, hour, minute, second[0] if second else 0,
                       tzinfo=ZoneInfo(zone))
