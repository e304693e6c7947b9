"""What the app remembers between runs (QSettings): recent sites and posts, what was open when it
closed, the theme and whether the preview shows. Window geometry and dock layout are Qt's own
state blobs, kept here too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

RECENT_MAX = 10
SITES, POSTS = "recent/sites", "recent/files"


class Remembered:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def recent(self, kind: str) -> list[str]:
        value = self.settings.value(kind, [])
        # QSettings returns a single string for a one-item list in INI files
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [str(v) for v in items if v]

    def remember(self, kind: str, path: Path) -> None:
        name = str(path.resolve())
        self.settings.setValue(kind, ([name] + [f for f in self.recent(kind) if f != name])[:RECENT_MAX])

    def forget(self, name: str) -> None:
        for kind in (SITES, POSTS):
            self.settings.setValue(kind, [f for f in self.recent(kind) if f != name])

    def clear_recent(self) -> None:
        self.settings.setValue(SITES, [])
        self.settings.setValue(POSTS, [])

    def save_open(self, site: Path | None, post: Path | None) -> None:
        """What is open now, for the next launch without arguments."""
        self.settings.setValue("session/site", str(site) if site else "")
        self.settings.setValue("session/post", str(post) if post else "")

    def last_open(self) -> tuple[Path | None, Path | None]:
        """The site and post open when the app last closed, when they are still there."""
        site = str(self.settings.value("session/site", "") or "")
        post = str(self.settings.value("session/post", "") or "")
        return (
            Path(site) if site and Path(site).is_dir() else None,
            Path(post) if post and Path(post).is_file() else None,
        )

    def value(self, key: str, default: str) -> str:
        return str(self.settings.value(key, default))

    def flag(self, key: str, default: bool) -> bool:
        return self.settings.value(key, "true" if default else "false") in (True, "true")

    def set(self, key: str, value: object) -> None:
        self.settings.setValue(key, value)

    def blob(self, key: str) -> QByteArray | None:
        value = self.settings.value(key)
        return value if isinstance(value, QByteArray) else None
