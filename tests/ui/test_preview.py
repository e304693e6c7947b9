"""The preview with the real QtWebEngine page: type in the editor, read the page's DOM."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from editor.core.rendering.live import render
from editor.ui.main_window import MainWindow
from tests.helpers.htmlcompare import first_difference, same
from tests.helpers.qt import Page, type_text


def _open(window: MainWindow, path: Path, body: str) -> None:
    path.write_text('+++\ntitle = "Preview"\nparams_color = "teal"\n+++\n' + body, encoding="utf-8")
    window.open_path(path)


def _unsafe_html_site(folder: Path) -> Path:
    """A site whose posts may hold raw HTML (Goldmark's `unsafe`)."""
    site = folder / "site"
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\n[markup.goldmark.renderer]\nunsafe = true\n'
    )
    return site


def _type_at_end(window: MainWindow, text: str) -> None:
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.editor, text)


@pytest.fixture
def page(qtbot: Any, window: MainWindow, tmp_path: Path) -> Page:
    window.resize(1200, 700)
    _open(window, tmp_path / "post.md", "Intro paragraph.\n")
    return Page(qtbot, window)


def test_typing_a_heading_shows_it_with_hugos_id(page: Page) -> None:
    _type_at_end(page.window, "\n## Flagship goals\n\n## Flagship goals\n")
    page.wait("document.querySelectorAll('h2').length == 2")
    ids = page.js("Array.from(document.querySelectorAll('h2')).map(h => h.id)")
    assert ids == ["flagship-goals", "flagship-goals-1"]
    assert same(page.content(), render(page.window.body_text())), first_difference(
        page.content(), render(page.window.body_text())
    )


def test_a_typed_table_renders(page: Page) -> None:
    _type_at_end(page.window, "\n| Tool | Speed |\n|:-----|------:|\n| hugo | fast |\n")
    page.wait("document.querySelector('table td') !== null")
    cells = page.js("Array.from(document.querySelectorAll('td')).map(td => td.textContent)")
    assert cells == ["hugo", "fast"]
    assert page.js("document.querySelector('th').getAttribute('style')") == "text-align: left"


def test_a_footnote_link_jumps_within_the_page(page: Page) -> None:
    _type_at_end(page.window, "\nA claim[^1].\n" + "\nfiller\n" * 80 + "\n[^1]: The source.\n")
    page.wait("document.querySelector('a.footnote-ref') !== null")
    page.js("window.scrollTo(0, 0), document.querySelector('a.footnote-ref').click(), 1")
    page.wait("window.scrollY > 0")
    bottom = page.js("document.getElementById('fn:1').getBoundingClientRect().top < window.innerHeight")
    assert bottom
    assert page.js("location.protocol") == "file:" and page.js("document.getElementById('content') !== null")


def test_an_unknown_shortcode_shows_a_placeholder_and_built_ins_render(page: Page) -> None:
    _type_at_end(
        page.window, '\n{{< tweet user="gohugo" id="1" >}}\n\nColour: {{< param "params_color" >}}\n'
    )
    page.wait("document.querySelector('.hpe-shortcode') !== null")
    assert page.js("document.querySelector('.hpe-shortcode').dataset.shortcode") == "tweet"
    assert "tweet" in page.js("document.querySelector('.hpe-shortcode').textContent")
    page.wait("document.body.textContent.includes('Colour: teal')")
    text = page.js("document.getElementById('content').textContent")
    assert "{{<" not in text.replace('{{< tweet user="gohugo" id="1" >}}', "")


def test_an_unknown_shortcodes_inner_text_wraps_in_its_box(page: Page) -> None:
    long = "A long inner line of the unknown shortcode, " * 12
    _type_at_end(page.window, f"\n{{{{< notice >}}}}\n{long}\n{{{{< /notice >}}}}\n")
    page.wait("document.querySelector('.hpe-shortcode-inner') !== null")
    inner = "document.querySelector('.hpe-shortcode-inner')"
    assert page.js(f"{inner}.scrollWidth <= {inner}.clientWidth")  # no sideways scrolling
    assert page.js(f"{inner}.getBoundingClientRect().height") > 40  # it wrapped onto lines


def test_the_scroll_position_survives_an_update(page: Page) -> None:
    window = page.window
    window.editor.setPlainText("\n\n".join(f"Paragraph {n} " + "words " * 40 for n in range(120)))
    page.wait("document.querySelectorAll('p').length == 120")
    window.editor.scroll_to_line(120)  # the preview follows the editor to paragraph 60
    top = "Array.from(document.querySelectorAll('p')).find(p => p.getBoundingClientRect().bottom > 0)"
    page.wait(f"{top}.textContent.startsWith('Paragraph 60 ')")
    before = page.js(f"{top}.getBoundingClientRect().top")
    # type into the paragraph at the top of the editor: the page updates in place, no jump
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.document().findBlockByNumber(122).position())
    window.editor.setTextCursor(cursor)
    type_text(window.editor, "Changed ")
    page.wait("document.querySelectorAll('p')[61].textContent.startsWith('Changed')")
    assert page.js(f"{top}.textContent").startswith("Paragraph 60 ")
    assert abs(page.js(f"{top}.getBoundingClientRect().top") - before) < 2
    assert page.js("window.scrollY") > 1000


def test_scroll_sync_moves_both_ways(qtbot: Any, page: Page) -> None:
    window = page.window
    window.editor.setPlainText("\n\n".join(f"## Part {n}\n\nText of part {n}." for n in range(150)))
    page.wait("document.querySelectorAll('h2').length == 150")
    # the editor scrolls: the preview follows to the same block
    block = window.editor.document().findBlockByNumber(400)  # "## Part 100"
    assert block.text() == "## Part 100"
    window.editor.scroll_to_line(400)
    page.wait("Math.abs(document.getElementById('part-100').getBoundingClientRect().top) < 40")
    # the author scrolls the preview: the editor follows
    page.js("document.getElementById('part-30').scrollIntoView(), 1")
    qtbot.waitUntil(lambda: abs(window.editor.first_visible_line() - 120) < 3, timeout=5000)
    # a mouse click in the preview puts the cursor on that block's line
    x, y = page.js(
        "(r => [r.left + 10, r.top + 5])(document.getElementById('part-31').getBoundingClientRect())"
    )
    web = window.preview.web
    assert web is not None
    QTest.mouseClick(web.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(int(x), int(y)))
    qtbot.waitUntil(lambda: window.editor.textCursor().blockNumber() == 124, timeout=5000)


def test_the_preview_runs_nothing_from_the_post(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text("[markup.goldmark.renderer]\nunsafe = true\n")
    body = (
        '<img src="nowhere.png" onerror="document.title=\'ran\'">\n\n'
        "<script>document.title = 'ran'</script>\n\n[link](javascript:document.title='ran')\n"
    )
    _open(window, site / "content" / "post.md", body)
    page = Page(qtbot, window)
    page.wait("document.querySelector('img') !== null")
    page.js("document.querySelector('a') && document.querySelector('a').click(), 1")
    qtbot.wait(300)
    assert page.js("document.title") != "ran"
    assert page.js("window.hpe.blockCount()") >= 2


def test_a_long_post_is_patched_in_place(page: Page) -> None:
    window = page.window
    window.editor.setPlainText("\n\n".join(f"Paragraph {n}." for n in range(1500)))
    page.wait("document.querySelectorAll('p').length == 1500")
    assert page.js("document.querySelectorAll('.hpe-chunk').length") > 1  # laid out chunk by chunk
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.document().findBlockByNumber(1400).position())
    window.editor.setTextCursor(cursor)
    type_text(window.editor, "New first line.\n\n")
    page.wait("document.querySelectorAll('p').length == 1501")
    texts = page.js("Array.from(document.querySelectorAll('p')).slice(699, 702).map(p => p.textContent)")
    assert texts == ["Paragraph 699.", "New first line.", "Paragraph 700."]
    assert same(
        page.content().replace('<div class="hpe-chunk">', "").replace("</div>", ""),
        render(window.body_text()),
    )
    # a chunk's every block deleted: the chunk goes too (an empty one would keep its height)
    cursor.setPosition(window.editor.document().findBlockByNumber(100).position())
    cursor.setPosition(
        window.editor.document().findBlockByNumber(700).position(), QTextCursor.MoveMode.KeepAnchor
    )
    window.editor.setTextCursor(cursor)
    cursor.removeSelectedText()
    page.wait("document.querySelectorAll('p').length == 1201")
    assert page.js("document.querySelectorAll('.hpe-chunk:empty').length") == 0


def test_images_resolve_from_the_bundle_and_static_and_site_css_applies(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    from PySide6.QtGui import QColor, QImage

    site = tmp_path / "site"
    bundle = site / "content" / "posts" / "trip"
    bundle.mkdir(parents=True)
    (site / "static" / "images").mkdir(parents=True)
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\n[markup.goldmark.renderer]\nunsafe = true\n'
    )
    for path, size in ((bundle / "photo.png", 30), (site / "static" / "images" / "logo.png", 20)):
        image = QImage(size, size, QImage.Format.Format_RGB32)
        image.fill(QColor("teal"))
        image.save(str(path))
    css = site / "static" / "css" / "site.css"
    css.parent.mkdir()
    css.write_text("body { color: rgb(1, 2, 3); }\n")
    outside = tmp_path / "private.png"  # a file outside the site: the preview may not read it
    (bundle / "photo.png").rename(outside)
    (bundle / "photo.png").symlink_to(outside)
    (site / "static" / "images" / "logo.png").replace(bundle / "logo.png")
    (site / "static" / "images" / "logo.png").symlink_to(bundle / "logo.png")
    QImage(outside.as_posix()).save(str(site / "inside.png"))
    _open(
        window,
        bundle / "index.md",
        "![Photo](photo.png)\n\n![Logo](/images/logo.png)\n\n"
        f'<img src="{outside.as_uri()}">\n\n<img src="{(site / "inside.png").as_uri()}">\n',
    )
    page = Page(qtbot, window)
    page.wait("Array.from(document.images).every(i => i.complete)")
    # a link inside the site to a file outside it does not get out either
    assert page.js("Array.from(document.images).map(i => i.naturalWidth)") == [0, 20, 0, 30]
    assert page.js("getComputedStyle(document.body).color") != "rgb(1, 2, 3)"
    window.preview.shown = False
    window.preview.set_site_css(css)
    qtbot.waitUntil(lambda: window.preview.shown, timeout=15000)
    page.wait("getComputedStyle(document.body).color == 'rgb(1, 2, 3)'")
    assert page.js("document.querySelectorAll('img').length") == 4  # the post is still shown


def test_the_header_follows_the_form(page: Page) -> None:
    assert page.js("document.querySelector('#header h1').textContent") == "Preview"
    page.window.form.title.selectAll()
    type_text(page.window.form.title, "A New Title")
    page.wait("document.querySelector('#header h1').textContent == 'A New Title'")


def test_a_web_link_opens_in_the_browser_and_the_preview_stays(page: Page, monkeypatch: Any) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    _type_at_end(page.window, "\n[Hugo](https://gohugo.io/)\n")
    page.wait("document.querySelector('a') !== null")
    before = page.js("location.href")
    page.js("document.querySelector('a').click(), 1")
    page.qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert opened == ["https://gohugo.io/"]
    assert page.js("location.href") == before and page.js("document.getElementById('content') !== null")


def test_a_link_shows_its_address_on_hover_and_says_when_no_browser_opens_it(
    page: Page, monkeypatch: Any
) -> None:
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)  # no browser here
    _type_at_end(page.window, "\n[Hugo](https://gohugo.io/docs/)\n")
    page.wait("document.querySelector('a') !== null")
    bar = page.window.statusBar()
    page.js("document.querySelector('a').dispatchEvent(new MouseEvent('mouseover', {bubbles: true})), 1")
    page.qtbot.waitUntil(lambda: bar.currentMessage() == "https://gohugo.io/docs/", timeout=5000)
    page.js("document.querySelector('a').click(), 1")
    page.qtbot.waitUntil(lambda: bar.currentMessage() == "No web browser could open https://gohugo.io/docs/")
    page.js(
        "document.getElementById('content').dispatchEvent(new MouseEvent('mouseover', {bubbles: true})), 1"
    )
    page.qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=5000)


def test_remote_images_load_or_give_way_to_placeholders_as_the_author_chooses(
    qtbot: Any, window: MainWindow, tmp_path: Path, server: str
) -> None:
    from tests.helpers.webserver import Handler

    site = _unsafe_html_site(tmp_path)
    _open(window, site / "content" / "post.md", f"![A chart]({server}/pixel.png?first)\n")
    page = Page(qtbot, window)
    page.wait("document.images.length == 1 && document.images[0].complete")
    assert page.js("document.images[0].naturalWidth") == 1 and Handler.seen == ["/pixel.png?first"]

    window.preview.shown = False
    window.remote_action.setChecked(False)  # View → Load Remote Images in the Preview, off
    page.wait("document.querySelector('.hpe-remote') !== null")
    assert page.js("document.images.length") == 0
    assert page.js("document.querySelector('.hpe-remote').textContent") == "Remote image from 127.0.0.1:" + (
        server.rsplit(":", 1)[1] + ": A chart"
    )
    _type_at_end(
        window,
        f'\n![Second]({server}/pixel.png?second)\n\n<iframe src="{server}/frame"></iframe>\n\n'
        f'<video controls><source src="{server}/clip.mp4"></video>\n\n'
        f'<img src="//127.0.0.1:{server.rsplit(":", 1)[1]}/pixel.png?relative">\n',
    )
    page.wait("document.querySelectorAll('.hpe-remote').length == 5")
    assert page.js("document.querySelectorAll('img, iframe, video, source').length") == 0
    page.js("fetch('" + server + "/pixel.png?script').catch(() => 0), 1")  # nor may a script get out
    qtbot.wait(500)
    assert Handler.seen == ["/pixel.png?first"]
    assert window.remembered.flag("view/remote", True) is False

    window.preview.shown = False
    window.remote_action.setChecked(True)
    page.wait("document.images.length == 3 && Array.from(document.images).every(i => i.complete)")
    assert "/pixel.png?second" in Handler.seen


def test_a_base_element_in_the_post_never_moves_its_relative_urls(
    qtbot: Any, window: MainWindow, tmp_path: Path, server: str
) -> None:
    from tests.helpers.webserver import Handler

    site = _unsafe_html_site(tmp_path)
    _open(
        window,
        site / "content" / "post.md",
        f'<base href="{server}/elsewhere/">\n\n![Local](pic.png)\n\n[a page](other/)\n',
    )
    page = Page(qtbot, window)
    page.wait("document.images.length == 1")
    folder = (site / "content").resolve().as_uri()
    assert page.js("document.baseURI").startswith("file://")
    assert page.js("document.images[0].src") == folder + "/pic.png"
    assert page.js("document.querySelector('a').href") == folder + "/other/"
    qtbot.wait(300)
    assert Handler.seen == []


def test_while_typing_the_preview_shows_the_typed_block_unless_told_otherwise(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    import base64

    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage

    from tests.helpers.qt import type_text as type_in

    image = QImage(20, 400, QImage.Format.Format_RGB32)  # a tall picture: 400 px in the page
    image.fill(QColor("teal"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    tall = "data:image/png;base64," + base64.b64encode(bytes(buffer.data().data())).decode()
    window.resize(1280, 800)
    _open(window, tmp_path / "post.md", "".join(f"Paragraph {n}.\n\n![tall]({tall})\n\n" for n in range(40)))
    page = Page(qtbot, window)
    page.wait("document.images.length == 40 && Array.from(document.images).every(i => i.complete)")
    editor = window.editor
    visible = (
        "(() => { const p = Array.from(document.querySelectorAll('p'))"
        ".find(p => p.textContent.includes('{text}'));"
        " const r = p.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()"
    )

    def type_at(line: int, text: str) -> None:
        editor.verticalScrollBar().setValue(0)
        cursor = editor.textCursor()
        cursor.setPosition(editor.document().findBlockByNumber(line).position())
        editor.setTextCursor(cursor)
        editor.verticalScrollBar().setValue(0)  # the line is still on screen in the editor
        page.js("window.scrollTo(0, 0), 1")
        type_in(editor, text)

    type_at(24, "Typed here. ")  # "Paragraph 6." is 24 lines down: six tall images below the top
    page.wait(visible.replace("{text}", "Typed here."), timeout=5000)
    window.preferences.set("preview_follows", "top")
    window.apply_preferences()
    type_at(28, "Second. ")
    page.wait("document.body.textContent.includes('Second.')")
    qtbot.wait(300)
    assert page.js(visible.replace("{text}", "Second.")) is False  # the editor's top line decides
