"""Link checks and page titles against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from editor.core import links
from editor.core.links import web as weblinks
from tests.helpers.webserver import Handler


def test_status_redirect_missing_and_hang(server: str) -> None:
    assert weblinks.check(server + "/ok") == weblinks.Result(server + "/ok", 200)
    moved = weblinks.check(server + "/moved", timeout=2)
    assert (moved.status, moved.location) == (301, server + "/new-home")
    assert moved.describe() == f"301 → {server}/new-home"
    missing = weblinks.check(server + "/missing", timeout=2)
    assert missing.status == 404 and not missing.ok
    started = time.monotonic()
    hung = weblinks.check(server + "/hang", timeout=0.5)
    assert hung.status is None and hung.error == "no answer in 0.5 s"
    assert time.monotonic() - started < 5


def test_get_when_head_is_refused(server: str) -> None:
    assert weblinks.check(server + "/no-head", timeout=2).status == 200


def test_what_is_not_checked_and_refused_connections() -> None:
    assert weblinks.check("mailto:a@b.c").error == "not a web link: not checked"
    assert weblinks.check('{{< ref "x.md" >}}').status is None
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert weblinks.check(f"http://127.0.0.1:{port}/", timeout=2).error == "connection refused"


def test_many_checks_run_a_few_at_a_time_and_a_hang_does_not_hold_the_rest(server: str) -> None:
    Handler.most = 0
    results: list[weblinks.Result] = []
    done = threading.Event()
    urls = [server + "/hang"] + [f"{server}/slow{n}" for n in range(12)]

    def got(result: weblinks.Result) -> None:
        results.append(result)
        if len(results) == len(urls):
            done.set()

    checker = weblinks.Checker(workers=3, timeout=1.5)
    futures = checker.start([*urls, server + "/slow0"], got)  # a URL twice is checked once
    assert len(futures) == len(urls)
    assert done.wait(20)
    assert 2 <= Handler.most <= 3
    by_url = {r.url: r for r in results}
    assert by_url[server + "/hang"].error.startswith("no answer")
    assert all(by_url[u].status == 200 for u in urls[1:])


def test_cancel_stops_what_has_not_started(server: str) -> None:
    results: list[weblinks.Result] = []
    checker = weblinks.Checker(workers=1, timeout=5)
    checker.start([f"{server}/slow{n}" for n in range(20)], results.append)
    checker.cancel()
    time.sleep(0.6)
    assert len(results) <= 2


def test_page_titles(server: str) -> None:
    assert weblinks.fetch_title(server + "/title") == "Jepsen & friends"
    assert weblinks.fetch_title(server + "/latin") == "Café"
    assert weblinks.fetch_title(server + "/ok") is None
    assert weblinks.fetch_title(server + "/pdf") is None
    assert weblinks.fetch_title(server + "/hang", timeout=0.5) is None
    assert weblinks.fetch_title("not a url") is None


def test_library_gathers_groups_across_posts(tmp_path: Path) -> None:
    a = "### Peter Alvaro\n\n* [Twitter](https://twitter.com/palvaro)\n* [Molly](http://molly)\n"
    b = (
        "Text.\n\n### peter alvaro\n\n- [Molly paper](http://molly)\n- [Blog](http://blog)\n\n"
        "### Kyle\n\n- [Jepsen](https://jepsen.io)\n"
    )
    bodies = {tmp_path / "a.md": a, tmp_path / "b.md": b, tmp_path / "c.md": None}
    lib = links.library(bodies, bodies.get)
    assert [(g.heading, len(g.posts)) for g in lib] == [("Peter Alvaro", 2), ("Kyle", 1)]
    assert [i.url for i in lib[0].items] == ["https://twitter.com/palvaro", "http://molly", "http://blog"]
    assert lib[0].matches("alvaro blog") and lib[0].matches("b") and not lib[0].matches("jepsen")
    text = links.section_text([lib[1].as_json()], "-")
    assert text == "### Kyle\n\n- [Jepsen](https://jepsen.io)"
    assert [g.heading for s in links.find(text) for g in s.groups] == ["Kyle"]


def test_a_server_that_trickles_is_cut_off_at_the_total_deadline(server: str) -> None:
    """One byte every 0.3 s keeps each read under any per-read timeout; the check and the title
    fetch end at their total time all the same, and Stop ends a check under way at once."""
    import time

    started = time.monotonic()
    result = weblinks.check(server + "/trickle", timeout=1.0)
    assert result.error == "no answer in 1 s" and time.monotonic() - started < 3
    started = time.monotonic()
    assert weblinks.fetch_title(server + "/trickle", timeout=1.0) is None
    assert time.monotonic() - started < 3
    checker = weblinks.Checker(workers=2, timeout=30.0)
    results: list[weblinks.Result] = []
    checker.start([server + "/trickle"], results.append)
    time.sleep(0.5)
    started = time.monotonic()
    checker.cancel()
    checker._pool.shutdown(wait=True)
    assert time.monotonic() - started < 3 and results == []  # stopped: nothing reported late
