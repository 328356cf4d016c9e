"""SEC-04: the key that signs sessions belongs to one deployment. Without SECRET_KEY it is generated at random
into the instance folder (mode 0600) on first start and reused; several workers starting at once agree on one
key because the file appears atomically (written aside, then hard-linked into place, which fails if it
exists).
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

KEY_FILE = "secret_key"


def _write_aside(folder: Path, key: str) -> Path:
    fd, name = tempfile.mkstemp(prefix=".secret_key.", dir=folder)  # created with mode 0600
    with os.fdopen(fd, "w") as fh:
        fh.write(key + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return Path(name)


def load_or_create(instance_path: str) -> str:
    folder = Path(instance_path)
    path = folder / KEY_FILE
    if path.exists():
        return path.read_text().strip()
    folder.mkdir(parents=True, exist_ok=True)
    tmp = _write_aside(folder, secrets.token_hex(32))
    try:
        os.link(tmp, path)  # atomic, and refuses to replace a key another worker placed first
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_text().strip()


def rotate(instance_path: str) -> Path:
    """A new key replaces the old one atomically; sessions signed with the old key are worthless."""
    folder = Path(instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = _write_aside(folder, secrets.token_hex(32))
    path = folder / KEY_FILE
    os.replace(tmp, path)
    return path
