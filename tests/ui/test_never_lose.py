"""Never lose a word: recovery copies, failed saves, and what the window does with bad files."""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

from editor.core.files.recovery import Store
from editor.ui.main_window import MainWindow
from tests.helpers.prompter import Answers
from tests.helpers.qt import type_text


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data" / "recovery")


@pytest.fixture
def win(qtbot: Any, settings: QSettings, store: Store) -> Any:
    from PySide6.QtCore import QCoreApplication, QEvent

    w = MainWindow(settings, recovery=store)
    w.show()
    yield w
    w.document.post = None
    w.close()
    w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _post(tmp_path: Path) -> Path:
    path = tmp_path / "post.md"
    path.write_text('+++\ntitle = "Kept"\n+++\nFirst line.\n', encoding="utf-8")
    return path


def _type(w: MainWindow, text: str) -> None:
    w.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(w.editor, text)


def test_typing_pauses_write_a_recovery_copy_and_saving_removes_it(
    qtbot: Any, win: MainWindow, store: Store, tmp_path: Path
) -> None:
    path = _post(tmp_path)
    original = path.read_bytes()
    win.open_path(path)
    _type(win, "Unsaved words.")
    qtbot.waitUntil(lambda: bool(store.copies()), timeout=10000)  # a few seconds after typing stops
    [copy] = store.copies()
    assert copy.source == path.resolve() and copy.text.endswith("First line.\nUnsaved words.")
    assert not str(copy.file).startswith(str(tmp_path / "post"))  # never beside the post
    assert path.read_bytes() == original  # the post itself is untouched
    assert win.save()
    assert store.copies() == []


def test_losing_focus_writes_the_copy_at_once(
    qtbot: Any, win: MainWindow, store: Store, tmp_path: Path
) -> None:
    win.open_path(_post(tmp_path))
    _type(win, "x")
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    win.isActiveWindow = lambda: False  # type: ignore[method-assign]  # offscreen has no focus
    QApplication.sendEvent(win, QEvent(QEvent.Type.ActivationChange))  # another window took it
    assert [c.text.endswith("First line.\nx") for c in store.copies()] == [True]


class _crashed:
    """An instance that writes a copy into `store`'s folder and then dies (its lock goes)."""

    def __init__(self, store: Store) -> None:
        self.folder = store.folder

    def write(self, path: Path, text: str) -> None:
        writer = Store(self.folder)
        writer.write(path, text)
        writer.instance.release()


def test_after_a_crash_the_copy_is_offered_and_restored(
    qtbot: Any, settings: QSettings, store: Store, tmp_path: Path
) -> None:
    path = _post(tmp_path)
    _crashed(store).write(path, path.read_text() + "Typed before the crash.\n")
    w = MainWindow(settings, recovery=store)
    offered = []
    w.prompter = Answers(w, recovered_copy=lambda copy: offered.append(copy.diff()) or "later")
    w.offer_recovery()
    assert "+Typed before the crash." in offered[0]
    assert len(store.copies()) == 1  # "later" keeps it
    w.prompter = Answers(w, recovered_copy="restore")
    w.offer_recovery()
    assert w.document.post is not None and w.document.dirty
    assert w.body_text().endswith("Typed before the crash.\n")
    assert w.save()
    assert path.read_text().endswith("Typed before the crash.\n")
    assert store.copies() == [] and store.pending() == []
    w.document.post = None
    w.close()


def test_discarding_needs_the_authors_word(
    qtbot: Any, store: Store, settings: QSettings, tmp_path: Path
) -> None:
    path = _post(tmp_path)
    _crashed(store).write(path, "other text")
    w = MainWindow(settings, recovery=store)
    w.prompter = Answers(w, recovered_copy="later")
    w.offer_recovery()
    w.open_path(path)  # opening the post does not delete its copy either
    assert len(store.pending()) == 1
    w.prompter = Answers(w, recovered_copy="discard")
    w.offer_recovery()
    assert store.copies() == []
    w.document.post = None
    w.close()


@pytest.mark.parametrize(
    "step,code",
    [("write", errno.ENOSPC), ("fsync", errno.EIO), ("rename", errno.EACCES), ("mkstemp", errno.EROFS)],
)
def test_a_failed_save_keeps_the_file_the_edits_and_a_copy(
    qtbot: Any, win: MainWindow, store: Store, tmp_path: Path, monkeypatch: Any, step: str, code: int
) -> None:
    path = _post(tmp_path)
    original = path.read_bytes()
    win.open_path(path)
    _type(win, "Precious.")

    # the fault hits the post's folder only (the recovery copy lives on another folder)
    real_mkstemp, real_fdopen, real_fsync, real_replace = (tempfile.mkstemp, os.fdopen, os.fsync, os.replace)
    ours: set[int] = set()

    def mkstemp(*args: Any, **kwargs: Any) -> Any:
        if Path(kwargs["dir"]) == path.parent and step == "mkstemp":
            raise OSError(code, os.strerror(code))
        fd, name = real_mkstemp(*args, **kwargs)
        (ours.add if Path(kwargs["dir"]) == path.parent else ours.discard)(fd)
        return fd, name

    class HalfWritten:
        def __init__(self, fd: int, mode: str) -> None:
            self.fh = real_fdopen(fd, mode)

        def __enter__(self) -> Any:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> None:
            self.fh.write(data[: len(data) // 2])  # half written, then the disk is full
            raise OSError(code, os.strerror(code))

    def fdopen(fd: int, mode: str) -> Any:
        if step == "write" and fd in ours:
            ours.discard(fd)  # file descriptors are reused: this one is the post's only once
            return HalfWritten(fd, mode)
        return real_fdopen(fd, mode)

    def fsync(fd: int) -> None:
        if step == "fsync" and fd in ours:
            ours.discard(fd)
            raise OSError(code, os.strerror(code))
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        if step == "rename" and Path(dst).parent == path.parent:
            raise OSError(code, os.strerror(code))
        real_replace(src, dst)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(os, "fdopen", fdopen)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    messages = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: messages.append(a[2]))
    assert not win.save()
    monkeypatch.undo()
    assert path.read_bytes() == original  # the original file is intact
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".post")] == []  # no temp left
    assert win.document.dirty and win.body_text().endswith("Precious.")  # the edits are kept
    assert [c.text.endswith("Precious.") for c in store.copies()] == [True]  # and copied
    assert "Your text is safe" in messages[0] and os.strerror(code) in messages[0]
    words = {
        errno.ENOSPC: "the disk is full",
        errno.EIO: "the disk reported an error",
        errno.EACCES: "you do not have permission",
        errno.EROFS: "the disk is read-only",
    }
    assert words[code] in messages[0]


def _replace_on_disk(path: Path, text: str) -> None:
    """Another program saves the file (through a temporary file and a rename, as editors do)."""
    tmp = path.with_name(".other-editor.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def test_a_change_on_disk_reloads_a_post_without_edits(qtbot: Any, win: MainWindow, tmp_path: Path) -> None:
    path = _post(tmp_path)
    win.open_path(path)
    cursor = win.editor.textCursor()
    cursor.setPosition(3)
    win.editor.setTextCursor(cursor)
    _replace_on_disk(path, '+++\ntitle = "Kept"\n+++\nFirst line, changed elsewhere.\n')
    qtbot.waitUntil(lambda: "changed elsewhere" in win.body_text(), timeout=10000)
    assert not win.document.dirty and win.editor.textCursor().position() == 3
    assert "Reloaded" in win.statusBar().currentMessage()


def test_a_change_on_disk_under_edits_asks_and_merges(qtbot: Any, win: MainWindow, tmp_path: Path) -> None:
    path = _post(tmp_path)
    path.write_text('+++\ntitle = "Kept"\n+++\nFirst line.\n\nMiddle.\n\nLast line.\n')
    win.open_path(path)
    win.prompter = prompter = Answers(win, changed_on_disk=lambda name, mine, theirs, mergeable: "merge")
    cursor = win.editor.textCursor()
    cursor.setPosition(0)
    win.editor.setTextCursor(cursor)
    type_text(win.editor, "Mine: ")
    win.flush()
    _replace_on_disk(path, '+++\ntitle = "Kept"\n+++\nFirst line.\n\nMiddle.\n\nLast line, theirs.\n')
    qtbot.waitUntil(lambda: bool(prompter.asked), timeout=10000)
    assert prompter.asked == ["changed_on_disk"]
    assert win.body_text() == "Mine: First line.\n\nMiddle.\n\nLast line, theirs.\n"
    assert win.document.dirty
    assert win.save()  # the author has seen the file's new text: no second question
    assert prompter.asked == ["changed_on_disk"]
    assert path.read_text().endswith("Mine: First line.\n\nMiddle.\n\nLast line, theirs.\n")


def test_keep_mine_and_take_theirs(qtbot: Any, win: MainWindow, tmp_path: Path) -> None:
    path = _post(tmp_path)
    win.open_path(path)
    win.prompter = Answers(win, changed_on_disk="mine")
    _type(win, " Mine.")
    win.flush()
    _replace_on_disk(path, '+++\ntitle = "Kept"\n+++\nTheirs.\n')
    qtbot.waitUntil(lambda: win.document.base_text.endswith("Theirs.\n"), timeout=10000)
    assert win.body_text() == "First line.\n Mine." and win.document.dirty
    win.prompter = Answers(win, changed_on_disk="theirs")
    _replace_on_disk(path, '+++\ntitle = "Kept"\n+++\nTheirs again.\n')
    qtbot.waitUntil(lambda: win.body_text() == "Theirs again.\n", timeout=10000)
    assert not win.document.dirty


def test_a_save_never_overwrites_a_newer_file_without_asking(
    qtbot: Any, win: MainWindow, tmp_path: Path
) -> None:
    path = _post(tmp_path)
    win.open_path(path)
    _type(win, " Mine.")
    win.disk.forget()  # an unnoticed change
    path.write_text("Written by someone else.\n")
    win.prompter = prompter = Answers(win, overwrite_newer=False)
    assert not win.save()
    assert prompter.asked == ["overwrite_newer"] and path.read_text() == "Written by someone else.\n"
    win.prompter = Answers(win, overwrite_newer=True)
    assert win.save() and path.read_text().endswith("First line.\n Mine.")


def test_a_deleted_file_keeps_the_text_and_marks_it_unsaved(
    qtbot: Any, win: MainWindow, tmp_path: Path
) -> None:
    path = _post(tmp_path)
    win.open_path(path)
    path.unlink()
    qtbot.waitUntil(lambda: win.document.dirty, timeout=10000)
    assert "deleted or moved" in win.statusBar().currentMessage()
    assert win.body_text() == "First line.\n"
    assert win.save() and path.read_text().endswith("First line.\n")


def test_a_change_the_file_watch_misses_is_still_seen(qtbot: Any, win: MainWindow, tmp_path: Path) -> None:
    """A network or FUSE file system reports nothing to inotify: the open file is looked at
    every two seconds as well."""
    path = _post(tmp_path)
    win.open_path(path)
    watcher = win.disk.watcher
    watcher.removePaths(watcher.files() + watcher.directories())  # as if no event would come
    path.write_text('+++\ntitle = "Kept"\n+++\nChanged elsewhere.\n', encoding="utf-8")
    qtbot.waitUntil(lambda: win.body_text() == "Changed elsewhere.\n", timeout=10000)


def test_a_folder_in_place_of_the_open_post_keeps_the_text_and_says_so(
    qtbot: Any, win: MainWindow, store: Store, tmp_path: Path, monkeypatch: Any
) -> None:
    path = _post(tmp_path)
    win.open_path(path)
    _type(win, " Mine.")
    path.unlink()
    path.mkdir()
    qtbot.waitUntil(lambda: "replaced by a folder" in win.statusBar().currentMessage(), timeout=10000)
    assert win.document.dirty and win.body_text() == "First line.\n Mine."
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: messages.append(a[2]))
    assert not win.save()
    assert "a folder now has its name" in messages[0] and "Your text is safe" in messages[0]
    assert path.is_dir() and [c.text.endswith(" Mine.") for c in store.copies()] == [True]


def test_a_write_landing_during_the_save_is_never_overwritten(
    qtbot: Any, win: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    path = _post(tmp_path)
    win.open_path(path)
    _type(win, " Mine.")
    theirs = '+++\ntitle = "Kept"\n+++\nTheirs, written while we saved.\n'
    real_fsync = os.fsync

    def slow_disk(fd: int) -> None:
        if "Theirs" not in path.read_text():
            path.write_text(theirs)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", slow_disk)
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: messages.append(a[2]))
    assert not win.save()
    monkeypatch.undo()
    assert path.read_text() == theirs
    assert "changed on disk while it was being saved" in messages[0]
    assert win.document.dirty and win.body_text() == "First line.\n Mine."
    win.prompter = asked = Answers(win, changed_on_disk="mine")
    qtbot.waitUntil(lambda: asked.asked == ["changed_on_disk"], timeout=10000)
    assert win.save() and path.read_text().endswith("First line.\n Mine.")


def test_the_side_by_side_view_shows_both_and_answers(qtbot: Any, win: MainWindow) -> None:
    from PySide6.QtWidgets import QPlainTextEdit, QPushButton

    from editor.ui.dialogs import side_by_side

    for mergeable, buttons in ((True, ["mine", "theirs", "merge"]), (False, ["mine", "theirs"])):
        dialog = side_by_side(win, "post.md", "my text\n", "their text\n", mergeable)
        qtbot.addWidget(dialog)
        assert dialog.findChild(QPlainTextEdit, "mine").toPlainText() == "my text\n"
        assert dialog.findChild(QPlainTextEdit, "theirs").toPlainText() == "their text\n"
        assert sorted(b.objectName() for b in dialog.findChildren(QPushButton)) == sorted(buttons)
        dialog.findChild(QPushButton, "theirs").click()
        assert dialog.property("answer") == "theirs" and dialog.result() == 1


def test_two_instances_on_one_post_never_lose_each_others_words(
    qtbot: Any, win: MainWindow, tmp_path: Path
) -> None:
    """B types; A opens the same post, types and saves; B is asked about the change on disk and
    keeps its text; B is killed. B's paragraph is offered at the next start."""
    from PySide6.QtCore import QCoreApplication, QEvent, QSettings

    path = _post(tmp_path)
    b = MainWindow(
        QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat), recovery=Store(win.recovery.folder)
    )
    try:
        b.open_path(path)
        _type(b, " B's paragraph.")
        b.write_recovery()  # typing paused: B's copy is written
        win.open_path(path)  # A, the window of the fixture
        _type(win, " A's sentence.")
        b.prompter = asked = Answers(b, changed_on_disk="mine")
        assert win.save()
        assert "B's paragraph." in "".join(c.text for c in win.recovery.copies())  # A's save kept it
        qtbot.waitUntil(lambda: asked.asked == ["changed_on_disk"], timeout=10000)
        _type(b, " More from B.")
        b.write_recovery()  # B goes on keeping its text after the question
        assert win.recovery.pending() == []  # B runs: nothing of it is "kept from a crash"
        b.recovery.instance.release()  # B is killed: no save, no cleanup
    finally:
        b.document.post = None
        b.close()
        b.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    [offered] = Store(win.recovery.folder).pending()
    assert offered.text.endswith("First line.\n B's paragraph. More from B.")


def test_a_read_only_post_is_not_replaced_without_asking(qtbot: Any, win: MainWindow, tmp_path: Path) -> None:
    path = _post(tmp_path)
    path.chmod(0o444)
    win.open_path(path)
    _type(win, " Mine.")
    win.prompter = prompter = Answers(win, save_anyway=False)
    assert not win.save()
    assert prompter.asked == ["save_anyway"] and path.read_text().endswith("First line.\n")
    assert win.document.dirty  # the text is still here
    win.prompter = Answers(win, save_anyway=True)
    assert win.save() and path.read_text().endswith("First line.\n Mine.")


@pytest.mark.skipif(sys.platform == "win32", reason="file names are bytes on POSIX only")
def test_a_file_name_that_is_not_utf8_is_saved_and_kept_in_recovery(
    qtbot: Any, win: MainWindow, tmp_path: Path
) -> None:
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.md"))
    path.write_text('+++\ntitle = "Kept"\n+++\nFirst line.\n', encoding="utf-8")
    win.open_path(path)
    _type(win, " Mine.")
    win.write_recovery()
    [copy] = win.recovery.copies()
    assert copy.source == path and copy.text.endswith("First line.\n Mine.")
    assert win.save()  # no exception after the file is written
    assert path.read_text(encoding="utf-8").endswith("First line.\n Mine.") and win.recovery.copies() == []
