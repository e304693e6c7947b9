"""Images go into the bundle or the site's static folder; the Markdown links what Hugo serves."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.site import images

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5d6b5a30000000049454e44ae426082"
)


def test_bundle_images_sit_beside_the_post(tmp_path: Path) -> None:
    post = tmp_path / "site" / "content" / "posts" / "trip" / "index.md"
    post.parent.mkdir(parents=True)
    path, markdown = images.place(post, tmp_path / "site", "My Photo.PNG", PNG)
    assert path == post.parent / "My-Photo.png" and path.read_bytes() == PNG
    assert markdown == "![My Photo](My-Photo.png)"
    again, markdown = images.place(post, tmp_path / "site", "My Photo.PNG", PNG)
    assert again.name == "My-Photo-1.png" and markdown == "![My Photo 1](My-Photo-1.png)"


def test_single_file_posts_use_static_images(tmp_path: Path) -> None:
    post = tmp_path / "site" / "content" / "posts" / "note.md"
    post.parent.mkdir(parents=True)
    path, markdown = images.place(post, tmp_path / "site", "diagram.svg", b"<svg/>")
    assert path == tmp_path / "site" / "static" / "images" / "diagram.svg"
    assert markdown == "![diagram](/images/diagram.svg)"
    with pytest.raises(ValueError, match="not an image"):
        images.place(post, tmp_path / "site", "notes.txt", b"x")


def test_a_dangling_link_in_the_images_folder_is_never_written_through(tmp_path: Path) -> None:
    post = tmp_path / "site" / "content" / "posts" / "trip" / "index.md"
    post.parent.mkdir(parents=True)
    outside = tmp_path / "elsewhere" / "photo.png"  # not there yet: the link dangles
    (post.parent / "photo.png").symlink_to(outside)
    path, markdown = images.place(post, tmp_path / "site", "photo.png", PNG)
    assert path == post.parent / "photo-1.png" and markdown == "![photo 1](photo-1.png)"
    assert not outside.exists() and not outside.parent.exists()
    assert (post.parent / "photo.png").is_symlink()  # left as it was


def test_images_without_alt_text_are_flagged_outside_code(tmp_path: Path) -> None:
    import datetime as dt

    from editor.core.post import Post
    from editor.core.post.checks import check_post

    text = (
        "---\ntitle: A\n---\n![](a.png) and ![ok](b.png)\n\n```\n![](code.png)\n```\n\n"
        '    ![](indented.png)\n\n{{< figure src="x.png" >}} {{< figure src="y.png" alt="y" >}}\n'
    )
    post = Post.from_bytes(text.encode(), None)
    found = [
        (p.line, p.column)
        for p in check_post(post, tmp_path / "a.md", dt.datetime.now(dt.UTC), dt.UTC)
        if "alt text" in p.message
    ]
    assert found == [(4, 1), (12, 1)]
    assert images.markdown("a b.png", "x [1]", 'T "q"') == '![x \\[1\\]](<a b.png> "T \\"q\\"")'
    assert images.figure("/i.png", 'A "b"') == '{{< figure src="/i.png" alt=`A "b"` >}}'
