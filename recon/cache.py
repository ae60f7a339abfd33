"""A cache of reconciled corpora, keyed by the content of the claim files and recon's version.

`recon check` answers in a fraction of a second because it unpickles the
reconciled corpus instead of redoing the work. The key hashes every file under
the claims folder (paths and bytes) and recon's own modules (names, sizes,
modification times), so any edit to either invalidates it. A cache that
cannot be read or written is ignored: correctness never depends on it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from recon import __version__
from recon.atomic import write_atomic_bytes
from recon.corpus import corpus_files

CACHE_ENV = "RECON_CACHE_DIR"


def cache_dir() -> Path:
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "recon"


def code_fingerprint() -> bytes:
    """recon's own modules by name, size and modification time: a change to the code drops the cache."""
    package = Path(__file__).resolve().parent
    stats = sorted((str(p.relative_to(package)), p.stat().st_size, p.stat().st_mtime_ns) for p in package.rglob("*.py"))
    return repr(stats).encode()


def corpus_key(claims_dir: Path) -> str:
    digest = hashlib.sha256(__version__.encode())
    digest.update(code_fingerprint())
    for path in sorted(corpus_files(claims_dir)):  # hidden claim files load, so they count too
        digest.update(str(path.relative_to(claims_dir)).encode("utf-8", "surrogateescape"))
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError as exc:  # loading reports the file; the key only needs to differ from a readable one
            digest.update(f"unreadable: {exc.strerror}".encode())
    return digest.hexdigest()


def load_cached(key: str) -> object | None:
    path = cache_dir() / f"{key}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def store(key: str, value: object) -> None:
    try:
        write_atomic_bytes(cache_dir() / f"{key}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only home or a full disk only costs speed
