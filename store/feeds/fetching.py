"""HTTP for feeds and web pages: the only door through which Dateline reaches
the network.

What comes back is untrusted, so the door is narrow: only http and https,
certificate checks always on (there is no switch to turn them off), every
redirect checked and their number limited, one deadline for the whole
exchange, and the body cut off at a size cap while it streams in, before
anything parses it. Conditional requests (ETag, Last-Modified) let an
unchanged feed cost one short 304.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from store.errors import FetchError

ALLOWED_SCHEMES = frozenset({"http", "https"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
USER_AGENT = "Dateline/0.1 (terminal news reader; +https://example.invalid/dateline)"


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How far one fetch may go: seconds for the whole exchange, bytes of
    body (after decompression), redirects followed."""

    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5


DEFAULT_LIMITS = FetchLimits()


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A response body, or `not_modified` when the server answered 304."""

    url: str
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False

    @property
    def media_type(self) -> str:
        """The content type without parameters, lower case ("text/html")."""
        return self.content_type.split(";", 1)[0].strip().lower()


def check_url(url: str) -> str:
    """`url` stripped, if it is an http(s) URL with a host; else FetchError."""
    url = url.strip()
    if any(c.isspace() or not c.isprintable() for c in url):
        raise FetchError("a URL cannot contain spaces or control characters")
    try:
        parts = urlsplit(url)
    except ValueError as failure:
        raise FetchError(f"not a valid URL ({failure})") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"{scheme}:" if scheme else "no scheme"
        raise FetchError(f"only http and https URLs can be fetched (got {shown})")
    if not parts.hostname:
        raise FetchError("the URL has no host name")
    return url


def new_client(*, limits: FetchLimits = DEFAULT_LIMITS, max_connections: int = 16) -> httpx.Client:
    """A client for many fetches in threads (httpx clients are thread-safe).

    Redirects are followed by `fetch` itself, so each hop is checked.
    """
    return httpx.Client(
        follow_redirects=False,
        verify=True,
        timeout=httpx.Timeout(limits.timeout),
        headers={"User-Agent": USER_AGENT},
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
    )


def fetch(
    url: str,
    *,
    client: httpx.Client | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = "*/*",
    limits: FetchLimits = DEFAULT_LIMITS,
) -> FetchResult:
    """GET `url` within `limits`; FetchError with a one-line reason otherwise."""
    if client is None:
        with new_client(limits=limits, max_connections=1) as own:
            return fetch(
                url, client=own, etag=etag, last_modified=last_modified, accept=accept, limits=limits
            )
    deadline = time.monotonic() + limits.timeout
    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = check_url(url)
    seen = {current}
    try:
        for _ in range(limits.max_redirects + 1):
            with client.stream(
                "GET", current, headers=headers, timeout=_remaining(deadline, limits)
            ) as response:
                if response.status_code in REDIRECTS:
                    current = _next_hop(current, response.headers, seen)
                    continue
                return _read(current, response, deadline, limits)
        raise FetchError(f"too many redirects (more than {limits.max_redirects})")
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {limits.timeout:g} s") from None
    except httpx.ConnectError as failure:
        raise FetchError(_connect_reason(failure)) from None
    except httpx.HTTPError as failure:
        raise FetchError(f"{type(failure).__name__}: {_one_line(str(failure))}") from None


def _remaining(deadline: float, limits: FetchLimits) -> httpx.Timeout:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"timed out after {limits.timeout:g} s")
    return httpx.Timeout(left)


def _next_hop(current: str, headers: Mapping[str, str], seen: set[str]) -> str:
    location = headers.get("location")
    if not location:
        raise FetchError("redirect without a Location header")
    target = urljoin(current, location.strip())
    try:
        target = check_url(target)
    except FetchError as failure:
        raise FetchError(f"redirected to a refused URL: {failure}") from None
    if target in seen:
        raise FetchError(f"redirect loop (back to {target})")
    seen.add(target)
    return target


def _read(url: str, response: httpx.Response, deadline: float, limits: FetchLimits) -> FetchResult:
    if response.status_code == 304:
        return FetchResult(
            url=url,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            not_modified=True,
        )
    if response.status_code >= 400:
        reason = response.reason_phrase or ""
        raise FetchError(f"HTTP {response.status_code} {reason}".strip())
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(f"response too large ({int(declared)} bytes; the limit is {limits.max_bytes})")
    chunks: list[bytes] = []
    size = 0
    # Decoded bytes are counted, so a small gzip bomb is stopped too.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(f"response too large (over {limits.max_bytes} bytes); stopped reading")
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {limits.timeout:g} s")
        chunks.append(chunk)
    return FetchResult(
        url=url,
        content=b"".join(chunks),
        content_type=response.headers.get("content-type", ""),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


def _connect_reason(failure: httpx.ConnectError) -> str:
    text = _one_line(str(failure))
    if "CERTIFICATE" in text.upper() or "SSL" in text.upper():
        return f"certificate check failed: {text}"
    return f"cannot connect: {text}" if text else "cannot connect"


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]
