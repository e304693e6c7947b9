"""What a launch opens, the start page, Open Recent with sites, Help > About, and what happens
when something goes wrong (the log, Qt's messages, an uncaught exception in a slot)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QTimer, QUrl, qWarning
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from editor.core import places
from editor.core.site import hugo
from editor.ui import menus
from editor.ui.errors import ErrorReporter, route_qt_messages
from editor.ui.main_window import MainWindow
from tests.helpers.qt import Page, type_text


def _delete(win: MainWindow) -> None:
    win.document.post = None
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def second(settings: QSettings) -> Iterator[list[MainWindow]]:
    """Windows a test makes itself (a second launch), deleted before the application goes."""
    made: list[MainWindow] = []
    yield made
    for win in made:
        _delete(win)


def test_the_first_launch_shows_the_start_page(window: MainWindow) -> None:
    window.reopen_last()  # no session yet
    assert window.pages.currentWidget() is window.start_page
    assert window.document.post is None and window.site_root is None
    assert not window.start_page.recent.isVisible()  # nothing recent on a first launch


def test_the_start_page_opens_the_sample_sites_copy(qtbot: Any, window: MainWindow) -> None:
    window.reopen_last()
    window.start_page.findChild(QPushButton, "start_sample").click()
    copy = places.data_folder() / "sample-site"
    assert window.site_root == copy.resolve()
    qtbot.waitUntil(lambda: window.document.post is not None, timeout=10000)
    assert window.document.post.path.is_relative_to(copy)  # type: ignore[union-attr]
    assert window.pages.currentWidget() is window.splitter


def test_a_second_launch_reopens_the_site_and_post(
    qtbot: Any, window: MainWindow, site: Path, settings: QSettings, second: list[MainWindow]
) -> None:
    post = site / "content" / "posts" / "keyboard-notes.md"
    window.open_path(post)
    window.close()  # the session is written as the window closes
    again = MainWindow(settings)
    second.append(again)
    again.reopen_last()
    assert again.site_root == site.resolve()
    assert again.document.post is not None and again.document.post.path == post
    assert again.pages.currentWidget() is again.splitter
    assert again.posts_panel.isVisible()


def test_a_closed_post_stays_closed_and_a_vanished_site_gives_the_start_page(
    window: MainWindow, site: Path, settings: QSettings, second: list[MainWindow]
) -> None:
    window.open_path(site / "content" / "posts" / "keyboard-notes.md")
    window.close_post()
    window.close()
    again = MainWindow(settings)
    second.append(again)
    again.reopen_last()
    assert again.site_root == site.resolve() and again.document.post is None
    settings.setValue("session/site", str(site / "gone"))
    settings.setValue("session/post", "")
    third = MainWindow(settings)
    second.append(third)
    third.reopen_last()
    assert third.pages.currentWidget() is third.start_page


def test_recent_sites_and_posts_in_the_menu_and_on_the_start_page(
    qtbot: Any, window: MainWindow, site: Path
) -> None:
    post = site / "content" / "posts" / "keyboard-notes.md"
    window.open_path(post)
    menus.fill_recent(window)
    texts = [a.text() for a in window.recent_menu.actions()]
    assert (
        texts.index("Sites")
        < texts.index(str(site.resolve()))
        < texts.index("Posts")
        < texts.index(str(post.resolve()))
    )
    window.close_site()
    window.close_post()
    assert window.pages.currentWidget() is window.start_page
    items = [window.start_page.recent.item(i).text() for i in range(window.start_page.recent.count())]
    assert items == [
        f"Site: site — {site.parent.resolve()}",
        f"Post: keyboard-notes.md — {post.parent.resolve()}",
    ]
    window.start_page.recent.itemClicked.emit(window.start_page.recent.item(1))
    assert window.document.post is not None and window.document.post.path == post.resolve()


def test_about_names_the_version_hugo_and_the_folders(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import editor

    opened: list[QUrl] = []
    monkeypatch.setattr("editor.ui.about.QDesktopServices.openUrl", opened.append)
    window.findChild(QAction, "about").trigger()
    about = window.about
    assert editor.__version__ in about.findChildren(QLabel)[0].text()
    version = hugo.version()
    assert version.startswith("v0.")
    qtbot.waitUntil(lambda: version in about.hugo.text(), timeout=10000)
    assert str(hugo.binary()) in about.hugo.text()
    assert about.paths["Recovery copies"] == places.recovery_folder()
    assert about.paths["Settings"] == Path(window.settings.fileName()).parent
    rows = list(about.paths)
    settings_button = about.findChild(QPushButton, f"about_open_{rows.index('Settings')}")
    settings_button.click()
    assert opened == [QUrl.fromLocalFile(str(about.paths["Settings"]))]
    about.close()


@pytest.mark.qt_no_exception_capture
def test_an_uncaught_exception_in_a_slot_is_reported_and_the_app_goes_on(
    qtbot: Any,
    window: MainWindow,
    site: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    post = site / "content" / "posts" / "keyboard-notes.md"
    window.open_path(post)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.editor, "A sentence only in the window.")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.text(), box.informativeText())) or 0
    )
    reporter = ErrorReporter(window, window.write_recovery, tmp_path / "log" / "hugo-post-editor.log")
    reporter.install()
    try:

        def broken() -> None:
            raise ValueError("a bug in a slot")

        QTimer.singleShot(0, broken)  # Qt calls it: PySide6 hands the exception to sys.excepthook
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    finally:
        reporter.uninstall()
    assert sys.excepthook is not reporter
    text, info = shown[0]
    assert text == "Something went wrong: ValueError: a bug in a slot"
    assert "Your text is safe" in info and str(tmp_path / "log" / "hugo-post-editor.log") in info
    [copy] = [c for c in window.recovery.copies() if c.source == post.resolve()]
    assert "A sentence only in the window." in copy.text
    assert any(r.exc_info and r.exc_info[0] is ValueError for r in caplog.records)
    type_text(window.editor, " More.")  # the window goes on
    assert window.save()
    assert "A sentence only in the window. More." in post.read_text()


def test_qt_messages_and_the_preview_console_go_to_the_log(
    qtbot: Any, window: MainWindow, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from PySide6.QtCore import qInstallMessageHandler

    caplog.set_level(logging.INFO)
    previous = qInstallMessageHandler(None)
    qInstallMessageHandler(previous)
    route_qt_messages()
    try:
        qWarning("a warning from Qt")
    finally:
        qInstallMessageHandler(previous)  # pytest-qt's own handler back
    assert ("qt", logging.WARNING, "a warning from Qt") in [
        (r.name, r.levelno, r.getMessage()) for r in caplog.records
    ]
    path = tmp_path / "post.md"
    path.write_text("+++\ntitle = 'x'\n+++\nText.\n")
    window.open_path(path)
    page = Page(qtbot, window)
    page.js("console.log('hello from the page') || 1")
    qtbot.waitUntil(
        lambda: any(
            r.name == "editor.preview.js" and "hello from the page" in r.getMessage() for r in caplog.records
        ),
        timeout=5000,
    )


def test_saves_and_sites_are_logged_without_the_text(
    window: MainWindow, site: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    post = site / "content" / "posts" / "keyboard-notes.md"
    window.open_path(post)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.editor, "Secret words.")
    assert window.save()
    messages = [r.getMessage() for r in caplog.records]
    assert f"site opened: {site.resolve()}" in messages
    assert f"saved {post} ({post.stat().st_size} bytes)" in messages
    assert not any("Secret words" in m for m in messages)
