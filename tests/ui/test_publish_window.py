"""Site → Publish and Post History in the window, on a real git repository with a bare remote:
the open post is chosen, a commit takes only the checked files, Push reaches the remote, the
status bar shows the branch, and an earlier version comes back as unsaved edits only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from editor.ui.main_window import MainWindow
from tests.helpers.git import sh
from tests.helpers.qt import type_text


def test_publish_and_restore_an_earlier_version(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    sh(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    root = tmp_path / "site"
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text('title = "S"\n')
    post = root / "content" / "posts" / "a.md"
    post.write_text('+++\ntitle = "A"\n+++\nFirst text.\n')
    other = root / "content" / "posts" / "b.md"
    other.write_text('+++\ntitle = "B"\n+++\nB.\n')
    sh(tmp_path, "init", "-q", "-b", "main", str(root))
    sh(root, "config", "user.name", "Author")
    sh(root, "config", "user.email", "a@example.org")
    sh(root, "add", ".")
    sh(root, "commit", "-q", "-m", "Start")
    sh(root, "remote", "add", "origin", str(remote))
    sh(root, "push", "-q", "-u", "origin", "main")
    other.write_text('+++\ntitle = "B"\n+++\nB, changed.\n')

    window.open_path(post)
    qtbot.waitUntil(lambda: window.branch_label.text() == "main ↔ origin/main", timeout=10000)
    model = window.browser.model

    def listed() -> dict[str, str]:
        return {
            Path(str(model.data(model.index(r, 0), Qt.ItemDataRole.UserRole))).name: str(
                model.data(model.index(r, 0), Qt.ItemDataRole.DisplayRole)
            )
            for r in range(model.rowCount())
        }

    # the post list marks what changed since the last commit
    qtbot.waitUntil(lambda: listed().get("b.md") == "B  (modified)", timeout=10000)
    assert listed()["a.md"] == "A"
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(window.editor, "Second text.\n")
    window.actions_by_id["publish"].trigger()
    qtbot.waitUntil(lambda: getattr(window, "publish_dialog", None) is not None, timeout=10000)
    dialog = window.publish_dialog
    rows = {
        dialog.files.item(i).text(): dialog.files.item(i).checkState() for i in range(dialog.files.count())
    }
    assert rows == {
        "content/posts/a.md  (modified)": Qt.CheckState.Checked,
        "content/posts/b.md  (modified)": Qt.CheckState.Unchecked,
    }
    assert dialog.message.text() == "Update post: A"
    dialog.buttons["commit"].click()  # saves the post first: what is committed is what is on disk
    qtbot.waitUntil(lambda: "commit: done" in dialog.output.toPlainText(), timeout=15000)
    assert sh(root, "log", "-1", "--format=%s").strip() == "Update post: A"
    assert sh(root, "show", "--name-only", "--format=", "HEAD").split() == ["content/posts/a.md"]
    assert dialog.files.count() == 1  # b.md is still changed, not committed
    dialog.buttons["push"].click()
    qtbot.waitUntil(lambda: "push: done" in dialog.output.toPlainText(), timeout=15000)
    assert sh(remote, "log", "-1", "--format=%s", "main").strip() == "Update post: A"
    qtbot.waitUntil(lambda: listed() == {"a.md": "A", "b.md": "B  (modified)"}, timeout=10000)
    dialog.close()

    window.actions_by_id["post_history"].trigger()
    history = window.history_dialog
    assert history.commits.count() == 2
    history.commits.setCurrentRow(1)  # "Start"
    on_disk = post.read_text()
    history.restore()
    assert window.body_text() == "First text.\n" and window.document.dirty
    assert post.read_text() == on_disk  # not written without a save
    window.document.post = None
