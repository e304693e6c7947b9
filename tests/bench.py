"""`make bench`: speed numbers (printed, never asserted) and the corpus round-trip counts."""

from __future__ import annotations

import statistics
import time

from editor.core.post import Post
from tests import hugo
from tests.conftest import edge_posts, real_posts
from tests.core.editcheck import hunks, only_lines_of


def main() -> None:
    paths = real_posts() + edge_posts()
    identical = confined = 0
    load_ms, edit_ms = [], []
    edited: dict[str, bytes] = {}
    originals: dict[str, bytes] = {}
    for p in paths:
        data = p.read_bytes()
        t0 = time.perf_counter()
        post = Post.from_bytes(data, p)
        load_ms.append((time.perf_counter() - t0) * 1000)
        identical += post.to_bytes() == data
        if post.format is None or not post.metadata:
            continue
        key = post.key("title") or "title"
        before = Post.from_bytes(data, p)
        t0 = time.perf_counter()
        post.set(key, "Benchmark title")
        edit_ms.append((time.perf_counter() - t0) * 1000)
        ok = (only_lines_of(before, post.text, key) if before.key("title")
              else len(hunks(before.text, post.text)) == 1)
        confined += ok
        originals[str(p)] = data
        edited[str(p)] = post.to_bytes()
    print(f"files: {len(paths)}; no-op save byte-identical: {identical}/{len(paths)}")
    print(f"title edit touched only the title's lines: {confined}/{len(edited)}")
    print(f"load: median {statistics.median(load_ms):.2f} ms, max {max(load_ms):.1f} ms")
    print(f"one-field edit: median {statistics.median(edit_ms):.2f} ms, max {max(edit_ms):.1f} ms")
    before, after = hugo.read(originals), hugo.read(edited)
    both = set(before) & set(after)
    good = 0
    for name in both:
        b, a = before[name], after[name]
        rest_same = ({k: v for k, v in a["params"].items() if k != "title"}
                     == {k: v for k, v in b["params"].items() if k != "title"})
        good += a["title"] == "Benchmark title" and rest_same and a["content"] == b["content"]
    print(f"Hugo read the edit as intended: {good}/{len(both)} pages "
          f"({len(edited) - len(both)} share an output page with another post)")


if __name__ == "__main__":
    main()
