"""Helpers for the inputs tests: fixture files, and a local HTTP server on 127.0.0.1.

Not a conftest: test modules import what they use (`from inputs_support import ...`).
"""

from __future__ import annotations

import re
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "inputs"
# Where links in fixtures point when they are parsed without a server: never fetched.
OFFLINE_BASE = "http://news.test"
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def fixture_bytes(name: str, base: str = OFFLINE_BASE) -> bytes:
    """A fixture file with `{base}` replaced by the server's address."""
    return (FIXTURES / name).read_bytes().replace(b"{base}", base.encode())


def has_markup_or_controls(text: str) -> bool:
    """True when `text` holds an HTML tag, a control character or a bidi override."""
    return bool(_TAG.search(text) or _ESCAPE.search(text))


# --- a local HTTP server -----------------------------------------------------------------------


@dataclass
class Reply:
    """What the server sends for one request."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (timeouts, concurrency)
    length: bool = True  # send Content-Length (False: the body ends when the connection closes)


Route = Callable[["RequestInfo"], Reply]


@dataclass(frozen=True)
class RequestInfo:
    path: str
    headers: dict[str, str]
    host: str


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet tests
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        owner = self.server.owner
        info = RequestInfo(
            self.path, {k.lower(): v for k, v in self.headers.items()}, self.headers.get("Host", "")
        )
        owner.record(info)
        try:
            route = owner.routes.get(self.path.split("?", 1)[0])
            reply = route(info) if route else Reply(b"<h1>Not Found</h1>", status=404)
            if reply.delay:
                time.sleep(reply.delay)
            self.send_response(reply.status)
            if reply.content_type:
                self.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.length:
                self.send_header("Content-Length", str(len(reply.body)))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if reply.body:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            owner.release(info)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: LocalServer

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up early (a size cap, a cancel) is expected here


class LocalServer:
    """A threaded HTTP server on a loopback address, serving the routes a test adds.

    `base` is its address (`http://127.0.0.1:PORT`); `hits[path]` counts requests;
    `max_in_flight[host]` is the most requests it served at once to one Host.
    """

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[RequestInfo] = []
        self.hits: dict[str, int] = {}
        self.in_flight: dict[str, int] = {}
        self.max_in_flight: dict[str, int] = {}
        self._lock = threading.Lock()
        self._server = _Server((host, 0), _Handler)
        self._server.owner = self
        self.base = f"http://{host}:{self._server.server_address[1]}"
        # serve_forever looks for shutdown() every poll_interval: at its default (0.5 s) each
        # test's teardown waited about half a second (14 s over the suite at load 4).
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()

    def record(self, info: RequestInfo) -> None:
        with self._lock:
            self.requests.append(info)
            path = info.path.split("?", 1)[0]
            self.hits[path] = self.hits.get(path, 0) + 1
            now = self.in_flight.get(info.host, 0) + 1
            self.in_flight[info.host] = now
            self.max_in_flight[info.host] = max(self.max_in_flight.get(info.host, 0), now)

    def release(self, info: RequestInfo) -> None:
        with self._lock:
            self.in_flight[info.host] -= 1

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, reply: Reply | Route) -> str:
        """Serve `reply` (or what the function returns) at `path`; returns its url."""
        self.routes[path] = reply if callable(reply) else (lambda _info, r=reply: r)
        return self.url(path)

    def add_fixture(self, path: str, name: str, content_type: str) -> str:
        return self.add(path, Reply(fixture_bytes(name, self.base), content_type=content_type))


def closed_port_url() -> str:
    """A url on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"


def gzip_bomb(decoded_mib: int = 64) -> bytes:
    """A gzip body that is tiny on the wire and `decoded_mib` MiB of zeros once decoded."""
    chunk = bytes(1024 * 1024)
    stream = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [stream.compress(chunk) for _ in range(decoded_mib)]
    parts.append(stream.flush())
    return b"".join(parts)


def rss(title: str, items: list[tuple[str, str, str]], base: str) -> bytes:
    """An RSS 2.0 feed of (title, path, description) items linking under `base`."""
    from xml.sax.saxutils import escape

    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
        f"<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate>"
        f"<description>{escape(d)}</description></item>"
        for t, p, d in items
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>{base}/</link>{entries}</channel></rss>"
    ).encode()


def news_page(title: str, paragraphs: list[str], site: str = "Valley Times") -> bytes:
    """A news page in the shape real sites use: menus, share buttons, comments, cookie banner."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title><meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}"><script>var tracking = 1;</script></head>
<body><div class="cookie-banner">We use cookies. Accept all?</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<main><article><h1>{title}</h1><div class="share">Share this</div>{body}</article>
<section class="comments"><div class="comment">First! Great article.</div></section></main>
<aside><h3>Most read</h3><a href="/x">Something else</a></aside>
<footer>Copyright {site}</footer></body></html>""".encode()
