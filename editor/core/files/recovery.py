"""Recovery copies: unsaved edits kept in the user's data folder, never beside or over the post.

One JSON file per post and per running instance (named by a hash of the post's path and the
instance's id; new posts get their own name), written atomically like a save, readable by its owner
only. The window writes one when typing pauses and when it loses focus, and removes its own when
the post is saved or its edits are discarded; another instance's copy is never removed or offered
while that instance runs. After a crash the next start offers each copy of an instance that no
longer runs and that differs from its file: restore, compare, or discard (on the author's word).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from editor.core import places
from editor.core.files.instance import Instance, alive
from editor.core.files.storage import atomic_write

SUFFIX = ".recovery.json"


@dataclass(frozen=True)
class Copy:
    """A recovery copy: the post's whole text as it was in the window."""

    file: Path  # the recovery copy itself
    source: Path | None  # the post it belongs to (None: a post never saved)
    text: str
    written: dt.datetime
    instance: str = ""  # the instance that wrote it ("" for copies from before instances had ids)

    @property
    def on_disk(self) -> str | None:
        """The post's text on disk now (None when it is gone or unreadable)."""
        if self.source is None:
            return None
        try:
            return self.source.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    @property
    def differs(self) -> bool:
        """Whether the copy holds something the file on disk does not."""
        return self.text != self.on_disk

    def diff(self) -> str:
        """The copy against the file on disk, as a unified diff."""
        import difflib  # only when asked: not at the app's start

        disk = self.on_disk or ""
        name = str(self.source) if self.source else "untitled"
        return "".join(
            difflib.unified_diff(
                disk.splitlines(keepends=True),
                self.text.splitlines(keepends=True),
                f"{name} (on disk)",
                f"{name} (recovered)",
            )
        )


class Store:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or places.recovery_folder()
        self.instance = Instance(self.folder / "instances")

    def _file(self, source: Path | None, untitled: str) -> Path:
        key = str(source.resolve()) if source is not None else f"untitled:{untitled}"
        return self.folder / f"{hashlib.sha256(os.fsencode(key)).hexdigest()[:24]}.{self.instance.id}{SUFFIX}"

    def write(self, source: Path | None, text: str, untitled: str = "") -> Path:
        """Keep `text` for `source` (atomically; this instance's earlier copy is replaced)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)  # unsaved drafts are nobody else's business
        self.instance.claim()
        data = {
            "source": str(source.resolve()) if source is not None else None,
            "text": text,
            "written": dt.datetime.now(dt.UTC).isoformat(),
            "pid": os.getpid(),
            "instance": self.instance.id,
        }
        # ASCII: a file name that is not UTF-8 (its bytes held as surrogates) survives the trip
        payload = json.dumps(data).encode("ascii")
        return atomic_write(self._file(source, untitled), payload, mode=0o600)

    def remove(self, source: Path | None, untitled: str = "") -> None:
        """This instance's copy for `source` goes (the edits were saved or discarded)."""
        self._file(source, untitled).unlink(missing_ok=True)

    def discard(self, copy: Copy) -> bool:
        """Delete a copy on the author's word; never one a running instance is still writing."""
        if copy.instance != self.instance.id and alive(self.instance.folder, copy.instance):
            return False
        copy.file.unlink(missing_ok=True)
        return True

    def copies(self) -> list[Copy]:
        """Every readable recovery copy, newest first."""
        out = []
        for f in self.folder.glob("*" + SUFFIX) if self.folder.is_dir() else ():
            try:
                data = json.loads(f.read_text(encoding="utf-8"))
                source = Path(data["source"]) if data.get("source") else None
                written = dt.datetime.fromisoformat(data["written"])
                out.append(Copy(f, source, str(data["text"]), written, str(data.get("instance") or "")))
            except (OSError, ValueError, KeyError, TypeError):
                continue  # a copy we cannot read is left alone, never deleted
        return sorted(out, key=lambda c: c.written, reverse=True)

    def pending(self) -> list[Copy]:
        """The copies worth offering after a crash: written by an instance that no longer runs,
        holding text their file does not."""
        return [
            c
            for c in self.copies()
            if c.instance != self.instance.id and not alive(self.instance.folder, c.instance) and c.differs
        ]
