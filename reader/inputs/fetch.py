"""HTTP GET with the limits an unattended update needs, on httpx.

In: a url (and the validators remembered from last time). Out: a `Response` with the body,
or `FetchError` with a one-line reason. Enforced here: a timeout per request and a deadline
for the whole body, a size cap on the bytes received and on the bytes decoded (a gzip bomb
stops at the cap), at most `per_host` requests at once to one host, retries with backoff on
timeouts and 5xx, `Retry-After` honoured on 429 up to a bound, redirects followed up to a
limit, cancellation between chunks and during waits.
"""

from __future__ import annotations

import random
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any

from reader.inputs.text import host_of

if TYPE_CHECKING:
    import httpx

MIB = 1024 * 1024
_RETRY_STATUSES = frozenset({500, 502, 503, 504})


@dataclass(frozen=True)
class FetchSettings:
    """Limits for one update; the defaults suit news sites, tests pass small ones."""

    timeout: float = 15.0  # connect, and each read of the body
    deadline: float = 60.0  # the whole response, however slowly it drips in
    max_bytes: int = 20 * MIB  # decoded body (a feed of 10,000 entries fits)
    retries: int = 2  # after the first attempt
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    max_retry_after: float = 30.0  # a 429 asking for longer is a failure, not a wait
    max_redirects: int = 5
    per_host: int = 2
    workers: int = 8
    user_agent: str = "reader (terminal news reader; +https://pypi.org/project/reader-tui/)"


@dataclass(frozen=True)
class Response:
    """A fetched body (or a 304), with the url it finally came from."""

    url: str
    status: int
    content: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    """A url could not be fetched; `str()` is the reason, one line, our own words.

    `transient` says whether trying again later may work (timeouts, 5xx, no connection), as
    opposed to an answer that will stay the same (404, too big, a redirect loop).
    """

    def __init__(self, reason: str, *, transient: bool = False) -> None:
        super().__init__(reason)
        self.transient = transient


class Cancelled(Exception):
    """The update was cancelled while this fetch was running."""


def _find_cause(error: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _decoder(encoding: str | None) -> Any:
    """A zlib decompressor for the Content-Encoding, None for identity."""
    name = (encoding or "identity").strip().lower()
    if name in ("", "identity"):
        return None
    if name in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if name == "deflate":
        return zlib.decompressobj()
    raise FetchError(f"unsupported content encoding {name[:40]!r}")


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """A Retry-After header (seconds or an HTTP date) -> seconds to wait, None when unusable."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class Fetcher:
    """One httpx client shared by the update's threads, with a gate of `per_host` per host."""

    def __init__(self, settings: FetchSettings, cancel: threading.Event | None = None) -> None:
        import httpx  # heavy: only when something is fetched

        self.settings = settings
        self.cancel = cancel or threading.Event()
        self._gates: dict[str, threading.Semaphore] = {}
        self._gates_lock = threading.Lock()
        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=True,
            max_redirects=settings.max_redirects,
            limits=httpx.Limits(
                max_connections=max(settings.workers, 1) * 2,
                max_keepalive_connections=max(settings.workers, 1),
            ),
            headers={
                "User-Agent": settings.user_agent,
                # Only what the decoder below can cap; brotli and zstd are not asked for.
                "Accept-Encoding": "gzip, deflate",
            },
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    @contextmanager
    def _host_gate(self, url: str) -> Iterator[None]:
        host = host_of(url) or ""
        with self._gates_lock:
            gate = self._gates.setdefault(host, threading.Semaphore(self.settings.per_host))
        while not gate.acquire(timeout=0.1):
            if self.cancel.is_set():
                raise Cancelled
        try:
            yield
        finally:
            gate.release()

    def _wait(self, seconds: float) -> None:
        if self.cancel.wait(seconds):
            raise Cancelled

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> Response:
        """GET `url` with retries; raises FetchError (the reason) or Cancelled."""
        if not url.lower().startswith(("http://", "https://")):
            raise FetchError("not an http(s) url")
        if host_of(url) is None:
            raise FetchError("not a valid url")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        attempt = 0
        while True:
            if self.cancel.is_set():
                raise Cancelled
            delay: float | None
            try:
                with self._host_gate(url):
                    return self._get_once(url, headers)
            except _Retry as retry:
                attempt += 1
                if attempt > self.settings.retries:
                    raise FetchError(retry.reason, transient=True) from None
                delay = retry.delay
                if delay is None:
                    delay = self.settings.backoff * (2 ** (attempt - 1))
                    delay *= 1 + random.uniform(0, 0.25)  # neighbours do not retry in step
            self._wait(delay)

    def _get_once(self, url: str, headers: dict[str, str]) -> Response:
        import httpx

        started = time.monotonic()
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status == 304:
                    return self._response(response, b"")
                if status == 429:
                    self._rate_limited(response)
                if status in _RETRY_STATUSES:
                    raise _Retry(f"HTTP {status} {response.reason_phrase}".strip())
                if status >= 400:
                    raise FetchError(
                        f"HTTP {status} {response.reason_phrase}".strip(), transient=status == 408
                    )
                if status >= 300:
                    raise FetchError(f"HTTP {status} redirect without a usable Location")
                body = self._read_body(response, started)
                return self._response(response, body)
        except httpx.TooManyRedirects:
            raise FetchError(
                f"more than {self.settings.max_redirects} redirects (a redirect loop?)"
            ) from None
        except httpx.TimeoutException:
            raise _Retry(f"timed out after {self.settings.timeout:g} s") from None
        except httpx.InvalidURL:
            raise FetchError("not a valid url") from None
        except httpx.UnsupportedProtocol:
            raise FetchError("redirected to a url that is not http(s)") from None
        except httpx.ConnectError as error:
            if _find_cause(error, socket.gaierror):
                raise FetchError("host not found (DNS lookup failed)", transient=True) from None
            raise FetchError("cannot connect (refused or unreachable)", transient=True) from None
        except httpx.DecodingError:
            raise FetchError("the response could not be decoded") from None
        except httpx.HTTPError as error:
            raise FetchError(f"network error ({type(error).__name__})", transient=True) from None

    def _rate_limited(self, response: httpx.Response) -> None:
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is not None and wait > self.settings.max_retry_after:
            raise FetchError(f"HTTP 429 rate limited; asked to wait {wait:.0f} s", transient=True)
        raise _Retry("HTTP 429 rate limited", delay=wait)

    def _read_body(self, response: httpx.Response, started: float) -> bytes:
        cap = self.settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"larger than the {_size(cap)} cap ({_size(int(declared))})")
        decoder = _decoder(response.headers.get("Content-Encoding"))
        received = 0
        parts: list[bytes] = []
        size = 0
        for chunk in response.iter_raw():
            if self.cancel.is_set():
                raise Cancelled
            if time.monotonic() - started > self.settings.deadline:
                raise _Retry(f"too slow: not complete after {self.settings.deadline:g} s")
            received += len(chunk)
            if received > cap:
                raise FetchError(f"larger than the {_size(cap)} cap")
            if decoder is None:
                parts.append(chunk)
                size += len(chunk)
            else:
                size += self._decode(decoder, chunk, parts, cap - size)
            if size > cap:
                raise FetchError(f"larger than the {_size(cap)} cap once decompressed")
        if decoder is not None:
            try:
                tail = decoder.flush()
            except zlib.error:
                raise FetchError("corrupt compressed response") from None
            parts.append(tail)
            size += len(tail)
            if size > cap:
                raise FetchError(f"larger than the {_size(cap)} cap once decompressed")
        return b"".join(parts)

    @staticmethod
    def _decode(decoder: Any, chunk: bytes, parts: list[bytes], room: int) -> int:
        """Decompress `chunk` without ever producing more than `room` + 1 bytes."""
        produced = 0
        data = chunk
        while data:
            try:
                out = decoder.decompress(data, max(room - produced, 0) + 1)
            except zlib.error:
                raise FetchError("corrupt compressed response") from None
            parts.append(out)
            produced += len(out)
            if produced > room:
                return produced
            data = decoder.unconsumed_tail
            if not out and data:
                break  # no progress: the rest is not compressed data
        return produced

    @staticmethod
    def _response(response: httpx.Response, body: bytes) -> Response:
        return Response(
            url=str(response.url),
            status=response.status_code,
            content=body,
            content_type=response.headers.get("Content-Type"),
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )


class _Retry(Exception):
    def __init__(self, reason: str, delay: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.delay = delay


def _size(count: int) -> str:
    return f"{count / MIB:.1f} MiB" if count >= MIB else f"{count // 1024} KiB"
