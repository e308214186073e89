"""HTTP against a real local server: the failures a feed URL can produce
each give one clear reason, and the limits hold."""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pytest

from store.errors import FetchError
from store.feeds.fetching import FetchLimits, fetch
from tests.feeds.conftest import FAST
from tests.feeds.server import FeedServer, Route


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/feed", "javascript:alert(1)", "127.0.0.1/feed"]
)
def test_only_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url, limits=FAST)


def test_body_and_validators_come_back(server: FeedServer) -> None:
    url = server.add("/feed", Route(b"<rss/>", etag='"v1"', last_modified="Mon, 11 Nov 2024 10:00:00 GMT"))
    result = fetch(url, limits=FAST)
    assert (result.content, result.etag, result.last_modified, result.not_modified) == (
        b"<rss/>",
        '"v1"',
        "Mon, 11 Nov 2024 10:00:00 GMT",
        False,
    )


def test_conditional_request_gets_not_modified(server: FeedServer) -> None:
    url = server.add("/feed", Route(b"<rss/>", etag='"v1"'))
    result = fetch(url, etag='"v1"', limits=FAST)
    assert result.not_modified and result.content == b""
    assert server.requested("/feed")[-1].headers["if-none-match"] == '"v1"'


@pytest.mark.parametrize(
    ("status", "reason"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")]
)
def test_http_errors_name_the_status(server: FeedServer, status: int, reason: str) -> None:
    url = server.add("/bad", Route(b"oops", status=status))
    with pytest.raises(FetchError, match=reason):
        fetch(url, limits=FAST)


def test_a_slow_server_times_out(server: FeedServer) -> None:
    url = server.add("/slow", Route(b"<rss/>", delay=1.5))
    with pytest.raises(FetchError, match="timed out after 0.5 s"):
        fetch(url, limits=FAST)


def test_redirects_are_followed_within_the_limit(server: FeedServer) -> None:
    server.add("/old", Route(status=301, headers={"Location": "/new"}))
    server.add("/new", Route(b"<rss/>"))
    result = fetch(server.url("/old"), limits=FAST)
    assert result.content == b"<rss/>" and result.url == server.url("/new")


def test_a_redirect_loop_is_named(server: FeedServer) -> None:
    server.add("/a", Route(status=302, headers={"Location": "/b"}))
    server.add("/b", Route(status=302, headers={"Location": "/a"}))
    with pytest.raises(FetchError, match="redirect loop"):
        fetch(server.url("/a"), limits=FAST)


def test_too_many_redirects(server: FeedServer) -> None:
    for n in range(10):
        server.add(f"/r{n}", Route(status=302, headers={"Location": f"/r{n + 1}"}))
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetch(server.url("/r0"), limits=FAST)


def test_a_redirect_to_a_local_file_is_refused(server: FeedServer) -> None:
    server.add("/sneaky", Route(status=302, headers={"Location": "file:///etc/passwd"}))
    with pytest.raises(FetchError, match="redirected to a refused URL"):
        fetch(server.url("/sneaky"), limits=FAST)


@pytest.mark.parametrize("chunked", [False, True], ids=["declared length", "streamed"])
def test_an_oversize_response_is_cut_off(server: FeedServer, chunked: bool) -> None:
    url = server.add("/huge", Route(b"x" * (2 * FAST.max_bytes), chunked=chunked))
    with pytest.raises(FetchError, match="too large"):
        fetch(url, limits=FAST)


def test_a_compressed_bomb_is_cut_off_by_its_decoded_size(server: FeedServer) -> None:
    bomb = gzip.compress(b"\0" * (4 * FAST.max_bytes))
    assert len(bomb) < FAST.max_bytes
    url = server.add("/bomb", Route(bomb, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(FetchError, match="too large"):
        fetch(url, limits=FAST)


def test_nothing_listening_is_a_connect_error() -> None:
    with pytest.raises(FetchError, match="cannot connect"):
        fetch("http://127.0.0.1:9/feed", limits=FetchLimits(timeout=0.5))


def test_an_untrusted_certificate_is_refused_and_not_retried(tmp_path: Path) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a self-signed certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    with FeedServer(tls=(cert, key)).running() as server:
        url = server.add("/feed", Route(b"<rss/>"))
        with pytest.raises(FetchError, match="certificate check failed"):
            fetch(url, limits=FAST)
        assert server.requests == [], "no request was sent without a verified certificate"
