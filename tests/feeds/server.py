"""A real HTTP server on 127.0.0.1 for feed tests: routes of canned
responses, plus the misbehaviours feeds meet in the wild."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Route:
    """A canned response. `etag`/`last_modified` make it answer 304 to a
    matching conditional request; `delay` makes it slow; `chunks` streams
    the body without a Content-Length."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    chunked: bool = False


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # the default of 5 drops connections when many feeds arrive at once

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up early (oversize body, timeout) is expected here


class FeedServer:
    """Routes by path; records every request it answers."""

    def __init__(self, tls: tuple[Path, Path] | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self.scheme = "http"
        if tls is not None:  # (certificate, key): serve https
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            self.scheme = "https"

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{self.scheme}://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, route: Route | bytes) -> str:
        self.routes[path] = route if isinstance(route, Route) else Route(body=route)
        return self.url(path)

    def requested(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                server.requests.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = server.routes.get(self.path)
                if route is None:
                    self._send(404, b"not found", "text/plain", {})
                    return
                if route.delay:
                    time.sleep(route.delay)
                if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                    route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
                ):
                    self._send(304, b"", "", self._validators(route))
                    return
                self._send(
                    route.status,
                    route.body,
                    route.content_type,
                    {**route.headers, **self._validators(route)},
                    chunked=route.chunked,
                )

            def _validators(self, route: Route) -> dict[str, str]:
                found = {}
                if route.etag:
                    found["ETag"] = route.etag
                if route.last_modified:
                    found["Last-Modified"] = route.last_modified
                return found

            def _send(
                self, status: int, body: bytes, kind: str, headers: dict[str, str], chunked: bool = False
            ) -> None:
                try:
                    self.send_response(status)
                    if kind:
                        self.send_header("Content-Type", kind)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    if status == 304:
                        self.end_headers()
                        return
                    if chunked:
                        self.send_header("Transfer-Encoding", "chunked")
                        self.end_headers()
                        for start in range(0, len(body), 65536):
                            piece = body[start : start + 65536]
                            self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                        self.wfile.write(b"0\r\n\r\n")
                        return
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading, as it should for an oversize body

        return Handler

    @contextmanager
    def running(self) -> Iterator[FeedServer]:
        thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
