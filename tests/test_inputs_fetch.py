"""Fetching from a local server: every failure is one clear reason, limits hold, nothing hangs."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from inputs_support import LocalServer, Reply, closed_port_url, gzip_bomb

from reader.inputs.fetch import Cancelled, Fetcher, FetchError, FetchSettings, retry_after_seconds

SETTINGS = FetchSettings(
    timeout=0.5,
    deadline=3.0,
    max_bytes=1024 * 1024,
    retries=1,
    backoff=0.01,
    max_retry_after=2.0,
    max_redirects=3,
    per_host=2,
    workers=4,
)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(SETTINGS) as running:
        yield running


def failure(fetcher: Fetcher, url: str) -> str:
    with pytest.raises(FetchError) as caught:
        fetcher.get(url)
    reason = str(caught.value)
    assert reason and "\n" not in reason
    return reason


def test_a_page_is_fetched_with_its_headers(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.add("/a", Reply(b"<html>hi</html>", headers={"ETag": '"v1"'}))
    response = fetcher.get(url)
    assert (response.status, response.content, response.etag) == (200, b"<html>hi</html>", '"v1"')
    assert response.content_type == "text/html; charset=utf-8"


def test_404_and_500_are_reasons_with_the_status(server: LocalServer, fetcher: Fetcher) -> None:
    assert "404" in failure(fetcher, server.url("/missing"))
    url = server.add("/error", Reply(b"oops", status=500))
    assert "500" in failure(fetcher, url)
    assert server.hits["/error"] == 1 + SETTINGS.retries  # 5xx is retried


def test_a_5xx_then_success_is_retried(server: LocalServer, fetcher: Fetcher) -> None:
    calls = []

    def flaky(_info: object) -> Reply:
        calls.append(1)
        return Reply(b"busy", status=503) if len(calls) == 1 else Reply(b"ok")

    assert fetcher.get(server.add("/flaky", flaky)).content == b"ok"


def test_unreachable_host_and_dns_failure(fetcher: Fetcher) -> None:
    assert "connect" in failure(fetcher, closed_port_url())
    assert "DNS" in failure(fetcher, "http://no-such-host.invalid/feed.xml")


def test_a_timeout_is_retried_then_reported(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.add("/slow", Reply(b"late", delay=2.0))
    assert "timed out" in failure(fetcher, url)
    assert server.hits["/slow"] == 1 + SETTINGS.retries


def test_a_redirect_loop_is_one_reason(server: LocalServer, fetcher: Fetcher) -> None:
    server.add("/loop-a", Reply(status=302, headers={"Location": "/loop-b"}))
    server.add("/loop-b", Reply(status=302, headers={"Location": "/loop-a"}))
    assert "redirect" in failure(fetcher, server.url("/loop-a"))


def test_redirects_are_followed_and_the_final_url_kept(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.add("/old", Reply(status=301, headers={"Location": "/new"}))
    server.add("/new", Reply(b"moved here"))
    response = fetcher.get(server.url("/old"))
    assert response.content == b"moved here" and response.url == server.url("/new")


def test_a_redirect_to_another_scheme_is_refused(server: LocalServer, fetcher: Fetcher) -> None:
    server.add("/file", Reply(status=302, headers={"Location": "file:///etc/passwd"}))
    failure(fetcher, server.url("/file"))


def test_a_gzip_bomb_stops_at_the_cap(server: LocalServer, fetcher: Fetcher) -> None:
    bomb = gzip_bomb(64)
    url = server.add(
        "/bomb",
        Reply(bomb, content_type="application/rss+xml", headers={"Content-Encoding": "gzip"}),
    )
    assert "cap" in failure(fetcher, url)


def test_gzip_within_the_cap_is_decoded(server: LocalServer, fetcher: Fetcher) -> None:
    import gzip

    url = server.add(
        "/gz", Reply(gzip.compress(b"<rss>ok</rss>" * 100), headers={"Content-Encoding": "gzip"})
    )
    assert fetcher.get(url).content == b"<rss>ok</rss>" * 100


@pytest.mark.parametrize("length", [True, False])
def test_an_oversize_response_stops_at_the_cap(
    server: LocalServer, fetcher: Fetcher, length: bool
) -> None:
    url = server.add("/big", Reply(b"x" * (3 * 1024 * 1024), length=length))
    assert "cap" in failure(fetcher, url)


def test_429_with_retry_after_is_honoured(server: LocalServer, fetcher: Fetcher) -> None:
    calls = []

    def limited(_info: object) -> Reply:
        calls.append(1)
        if len(calls) == 1:
            return Reply(b"slow down", status=429, headers={"Retry-After": "1"})
        return Reply(b"fine")

    assert fetcher.get(server.add("/limited", limited)).content == b"fine"
    assert len(calls) == 2


def test_429_asking_for_too_long_a_wait_is_a_failure(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.add("/later", Reply(status=429, headers={"Retry-After": "3600"}))
    assert "429" in failure(fetcher, url)
    assert server.hits["/later"] == 1


def test_retry_after_as_seconds_or_a_date() -> None:
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_conditional_requests_send_the_validators(server: LocalServer, fetcher: Fetcher) -> None:
    def conditional(info: object) -> Reply:
        headers = info.headers  # type: ignore[attr-defined]
        if headers.get("if-none-match") == '"v1"':
            return Reply(status=304, content_type=None)
        return Reply(
            b"<rss/>", headers={"ETag": '"v1"', "Last-Modified": "Tue, 05 Mar 2024 09:30:00 GMT"}
        )

    url = server.add("/cond", conditional)
    first = fetcher.get(url)
    second = fetcher.get(url, etag=first.etag, last_modified=first.last_modified)
    assert not first.not_modified and second.not_modified


def test_not_http_urls_are_refused_without_a_request(fetcher: Fetcher) -> None:
    for url in (
        "file:///etc/passwd",
        "javascript:alert(1)",
        "ftp://x.test/f",
        "http://[broken/x",
        "http://bad.test:99999/x",
        "http:///nohost",
    ):
        assert failure(fetcher, url)


def test_at_most_two_requests_at_once_per_host(server: LocalServer) -> None:
    from concurrent.futures import ThreadPoolExecutor

    url = server.add("/wait", Reply(b"ok", delay=0.2))
    with Fetcher(SETTINGS) as fetcher, ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda i: fetcher.get(f"{url}?{i}"), range(6)))
    assert max(server.max_in_flight.values()) == 2


def test_cancel_stops_a_wait(server: LocalServer) -> None:
    cancel = threading.Event()
    url = server.add("/later", Reply(status=429, headers={"Retry-After": "2"}))
    with Fetcher(SETTINGS, cancel) as fetcher:
        timer = threading.Timer(0.2, cancel.set)
        timer.start()
        with pytest.raises(Cancelled):
            fetcher.get(url)
        timer.join()
