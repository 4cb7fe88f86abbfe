"""Feeds and pages from the web -> new articles in the library, with a report.

`update` fetches every feed (a few at once, `per_host` per host), saves new entries, fetches
the page of each new entry that carries only a summary and keeps its main text; an entry
already in the library (same url or guid), or met twice in one update, is not fetched or
saved again. Nothing stops the rest: every failure is one `url: reason` problem. Progress
goes to a callback (a bar in the CLI, a status line in the UI); `cancel` stops it early.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from reader.inputs.atomic import write_atomic
from reader.inputs.feed_list import Feed
from reader.inputs.feeds import parse_feed
from reader.inputs.fetch import Cancelled, Fetcher, FetchError, FetchSettings, Response
from reader.inputs.library import Known, Library, PreparedArticle
from reader.inputs.pages import parse_page
from reader.inputs.records import InputArticle, Parsed, Problem
from reader.inputs.text import host_of

if TYPE_CHECKING:
    from concurrent.futures import Future

_T = TypeVar("_T")
# An entry with less text than this carries a summary, not the article: its page is fetched.
PAGE_MIN_CHARS = 1000
STATE_NAME = "feeds.json"
_FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
_PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True)
class Progress:
    """One step of an update: `done` of `total` steps (feeds, then pages as they are found).

    `saved` is the file just written, when the step saved an article (the UI adds it to its
    list at once); `label` names the feed or page the step was about.
    """

    done: int
    total: int
    label: str
    saved: Path | None = None


ProgressCallback = Callable[[Progress], None]


@dataclass
class FeedSummary:
    """What one feed gave in one update."""

    url: str
    name: str
    new: int = 0
    already: int = 0
    pages_failed: int = 0
    not_modified: bool = False
    failed: str | None = None

    def line(self) -> str:
        """`name: 12 new, 3 pages failed`, `name: not changed` or `name: failed`."""
        if self.failed:
            return f"{self.name}: failed"
        if self.not_modified:
            return f"{self.name}: not changed"
        line = f"{self.name}: {self.new} new"
        if self.pages_failed:
            line += f", {self.pages_failed} page{'s' if self.pages_failed != 1 else ''} failed"
        return line

    def as_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "name": self.name,
            "new": self.new,
            "already": self.already,
            "pages_failed": self.pages_failed,
            "not_modified": self.not_modified,
            "failed": self.failed,
        }


@dataclass
class UpdateReport:
    """All an update did: one summary per feed, the articles saved, the problems met."""

    feeds: list[FeedSummary] = field(default_factory=list)
    saved: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cancelled: bool = False
    # Urls `reader add` was given that the library already holds (neither fetched nor saved).
    known: list[str] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        return [summary.line() for summary in self.feeds]

    def problem_lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]

    def as_dict(self) -> dict[str, Any]:
        return {
            "feeds": [summary.as_dict() for summary in self.feeds],
            "saved": [str(path) for path in self.saved],
            "problems": [{"where": p.where, "reason": p.reason} for p in self.problems],
            "cancelled": self.cancelled,
            "known": list(self.known),
        }


# --- the feeds' fetch state (validators), inside the library --------------------------------


def _state_path(library: Library) -> Path:
    return library.state_folder / STATE_NAME


def load_state(library: Library) -> dict[str, dict[str, str]]:
    """Per feed url: the ETag and Last-Modified it sent last time (empty when unknown)."""
    try:
        document = json.loads(_state_path(library).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict):
        return {}
    return {
        url: {k: v for k, v in entry.items() if isinstance(v, str)}
        for url, entry in document.items()
        if isinstance(url, str) and isinstance(entry, dict)
    }


def save_state(library: Library, state: dict[str, dict[str, str]]) -> None:
    try:
        data = json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        write_atomic(_state_path(library), data)
    except OSError:
        pass  # only a saving: the next update fetches the feeds in full


# --- one update -----------------------------------------------------------------------------


class _Validators:
    """What the state file learns in one update: validators to remember, feeds to forget
    (an entry not saved because of a passing failure: the next update fetches in full)."""

    def __init__(self) -> None:
        self._remembered: dict[str, dict[str, str]] = {}
        self._forgotten: set[str] = set()

    def remember(self, url: str, validators: dict[str, str]) -> None:
        self._remembered[url] = validators

    def forget(self, url: str) -> None:
        self._forgotten.add(url)

    def apply(self, state: dict[str, dict[str, str]]) -> None:
        for url, validators in self._remembered.items():
            state[url] = validators
        for url in self._forgotten:
            if "title" in state.get(url, {}):
                state[url] = {"title": state[url]["title"]}
            else:
                state.pop(url, None)


@dataclass
class _FeedResult:
    feed: Feed
    response: Response | None = None
    parsed: Parsed | None = None
    error: str | None = None


@dataclass
class _PageResult:
    entry: InputArticle
    prepared: PreparedArticle | None = None  # the entry with the page's text, to commit
    fetch_error: str | None = None  # worth trying again next time
    parse_error: str | None = None  # will not change (404, no article): keep the summary


class _Run:
    """The state of one update shared by its steps (progress, counts, what was seen)."""

    def __init__(self, library: Library, progress: ProgressCallback | None, total: int) -> None:
        self.library = library
        self.progress = progress
        self.done = 0
        self.total = total
        self.seen = Known()
        self.report = UpdateReport()

    def step(self, label: str, saved: Path | None = None, *, finished: bool = True) -> None:
        if finished:
            self.done += 1
        if self.progress is not None:
            self.progress(Progress(self.done, self.total, label, saved))

    def cannot_save(self, where: str, error: OSError) -> None:
        reason = (error.strerror or str(error)).lower()
        self.report.problems.append(Problem(where, f"cannot save ({reason})"))

    def save_many(self, articles: list[InputArticle], summary: FeedSummary) -> bool:
        """Save a feed's new entries; False when some could not be written."""
        try:
            paths = self.library.save_many(articles)
        except OSError as error:
            self.cannot_save(summary.url, error)
            return False
        for article, path in zip(articles, paths, strict=True):
            self.record_saved(path, summary, article.url or summary.name)
        return True

    def commit(self, prepared: PreparedArticle, summary: FeedSummary | None, label: str) -> bool:
        try:
            path = self.library.commit(prepared)
        except OSError as error:
            self.cannot_save(label, error)
            return False
        self.record_saved(path, summary, label)
        return True

    def record_saved(self, path: Path | None, summary: FeedSummary | None, label: str) -> None:
        if path is None:
            if summary:
                summary.already += 1
            return
        self.report.saved.append(path)
        if summary:
            summary.new += 1
        self.step(label, path, finished=False)


def _with_identity(article: InputArticle) -> InputArticle:
    """An entry with neither link nor guid gets a guid from its content, so that the next
    update knows it (otherwise it would be saved again every time)."""
    if article.url or article.guid:
        return article
    digest = hashlib.sha256(
        "\n".join([article.feed or "", article.title, article.text[:2000]]).encode("utf-8")
    ).hexdigest()[:24]
    return replace(article, guid=f"reader:{digest}")


def _fetch_feed(fetcher: Fetcher, feed: Feed, validators: dict[str, str]) -> _FeedResult:
    try:
        return _fetch_feed_unguarded(fetcher, feed, validators)
    except Cancelled:
        raise
    except Exception as error:  # a bug on one feed must not stop the others
        return _FeedResult(feed, error=f"unexpected error ({type(error).__name__})")


def _fetch_feed_unguarded(fetcher: Fetcher, feed: Feed, validators: dict[str, str]) -> _FeedResult:
    try:
        response = fetcher.get(
            feed.url,
            etag=validators.get("etag"),
            last_modified=validators.get("last_modified"),
            accept=_FEED_ACCEPT,
        )
    except FetchError as error:
        return _FeedResult(feed, error=str(error))
    if response.not_modified:
        return _FeedResult(feed, response)
    try:
        parsed = parse_feed(
            response.content, feed.url, url=response.url, content_type=response.content_type
        )
    except Exception as error:  # a parser bug on one feed must not stop the others
        return _FeedResult(feed, error=f"cannot read the feed ({type(error).__name__})")
    return _FeedResult(feed, response, parsed)


def merge_page(entry: InputArticle, page: InputArticle) -> InputArticle:
    """The feed entry with its page's main text; the feed's own fields win where both have one."""
    return replace(
        entry,
        text=page.text if len(page.text) > len(entry.text) else entry.text,
        author=entry.author or page.author,
        published=entry.published or page.published,
        source=entry.source or page.source,
        tags=tuple(dict.fromkeys((*entry.tags, *page.tags))),
    )


def _fetch_page(fetcher: Fetcher, library: Library, entry: InputArticle) -> _PageResult:
    """Fetch and extract an entry's page, and write the result to a temporary file (in the
    worker, so that files are synced a few at a time); the main thread commits it."""
    try:
        return _fetch_page_unguarded(fetcher, library, entry)
    except Cancelled:
        raise
    except Exception as error:  # a bug on one page must not stop the others
        return _PageResult(entry, fetch_error=f"unexpected error ({type(error).__name__})")


def _fetch_page_unguarded(fetcher: Fetcher, library: Library, entry: InputArticle) -> _PageResult:
    url = entry.url or ""
    result = _PageResult(entry)
    try:
        response = fetcher.get(url, accept=_PAGE_ACCEPT)
    except FetchError as error:
        if error.transient:
            result.fetch_error = str(error)
            return result
        result.parse_error = str(error)
        response = None
    article = entry
    if response is not None:
        try:
            parsed = parse_page(
                response.content,
                url,
                url=response.url,
                content_type=response.content_type,
                search_date=entry.published is None,
            )
        except Exception as error:  # an extractor bug on one page must not stop the others
            parsed = Parsed(
                problems=[Problem(url, f"cannot read the page ({type(error).__name__})")]
            )
        if parsed.articles:
            article = merge_page(entry, parsed.articles[0])
        else:
            result.parse_error = parsed.problems[0].reason if parsed.problems else "no article text"
    try:
        result.prepared = library.prepare(article)
    except OSError as error:
        result.fetch_error = f"cannot save ({(error.strerror or str(error)).lower()})"
    return result


def update(
    feeds: Sequence[Feed],
    library: Library | Path,
    *,
    settings: FetchSettings | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    page_min_chars: int = PAGE_MIN_CHARS,
) -> UpdateReport:
    """Fetch every feed into `library`; never raises for what the web does (see the report)."""
    from concurrent.futures import ThreadPoolExecutor, as_completed

    settings = settings or FetchSettings()
    library = library if isinstance(library, Library) else Library(Path(library))
    cancel = cancel or threading.Event()
    unique: dict[str, Feed] = {}
    for feed in feeds:
        unique.setdefault(feed.url, feed)  # a feed listed twice is fetched once
    feeds = list(unique.values())
    state = load_state(library)
    run = _Run(library, progress, len(feeds))
    library.known()  # indexed once, before the threads start
    summaries = {
        feed.url: FeedSummary(
            feed.url, feed.name or state.get(feed.url, {}).get("title") or feed.url
        )
        for feed in feeds
    }
    run.report.feeds = list(summaries.values())
    keep_validators = _Validators()
    pages: list[tuple[FeedSummary, InputArticle]] = []
    owners: dict[int, FeedSummary] = {}  # page jobs not yet taken -> their feed
    page_jobs: list[Future[_PageResult]] = []
    with Fetcher(settings, cancel) as fetcher, ThreadPoolExecutor(settings.workers) as pool:
        try:
            jobs = [
                pool.submit(_fetch_feed, fetcher, feed, state.get(feed.url, {}))
                for feed in interleave_hosts(list(feeds), lambda feed: feed.url)
            ]
            for feed_job in as_completed(jobs):
                result = feed_job.result()  # Cancelled propagates; nothing else is raised
                summary = summaries[result.feed.url]
                pages += _take_feed(run, summary, result, page_min_chars, keep_validators)
                run.step(summary.name)
            run.total += len(pages)
            pages = interleave_hosts(pages, lambda item: item[1].url)
            page_jobs = [pool.submit(_fetch_page, fetcher, library, entry) for _, entry in pages]
            owners = {id(job): summary for job, (summary, _) in zip(page_jobs, pages, strict=True)}
            for page_job in as_completed(page_jobs):
                _take_page(run, owners.pop(id(page_job)), page_job, keep_validators)
        except Cancelled:
            run.report.cancelled = True
            pool.shutdown(wait=True, cancel_futures=True)
            _discard_untaken(owners, page_jobs)
            # A feed whose pages were not all taken is fetched in full next time.
            unfinished = {s.url for s in owners.values()} or {s.url for s, _ in pages}
            for url in unfinished:
                keep_validators.forget(url)
    keep_validators.apply(state)
    save_state(library, state)
    library.flush()
    return run.report


def interleave_hosts(items: list[_T], url_of: Callable[[_T], str | None]) -> list[_T]:
    """`items` in turns by host (a, b, c, a, b, c...): in feed order, one site's 20 pages
    would fill every worker, all but `per_host` of them waiting at its gate."""
    by_host: dict[str, list[_T]] = {}
    for item in items:
        by_host.setdefault(host_of(url_of(item)) or "", []).append(item)
    queues = list(by_host.values())
    ordered: list[_T] = []
    for turn in range(max((len(queue) for queue in queues), default=0)):
        ordered += [queue[turn] for queue in queues if turn < len(queue)]
    return ordered


def _discard_untaken(owners: dict[int, FeedSummary], jobs: list[Future[_PageResult]]) -> None:
    for job in jobs:
        if id(job) in owners and job.done() and not job.cancelled() and not job.exception():
            prepared = job.result().prepared
            if prepared is not None:
                Library.discard(prepared)


def _take_feed(
    run: _Run,
    summary: FeedSummary,
    result: _FeedResult,
    page_min_chars: int,
    keep_validators: _Validators,
) -> list[tuple[FeedSummary, InputArticle]]:
    """Save a fetched feed's new full-text entries; return those whose page is to be fetched."""
    if result.error is not None:
        summary.failed = result.error
        run.report.problems.append(Problem(result.feed.url, result.error))
        return []
    response, parsed = result.response, result.parsed
    if response is None or response.not_modified or parsed is None:
        summary.not_modified = True
        return []
    run.report.problems.extend(parsed.problems)
    if not parsed.articles and parsed.problems:
        summary.failed = parsed.problems[0].reason
        return []
    if not result.feed.name and parsed.title:
        summary.name = parsed.title
    validators = {
        key: value
        for key, value in (
            ("etag", response.etag),
            ("last_modified", response.last_modified),
            ("title", parsed.title),
        )
        if value
    }
    keep_validators.remember(result.feed.url, validators)
    pages = []
    to_save = []
    for raw in parsed.articles:
        entry = _with_identity(raw)
        if run.seen.has(entry.url, entry.guid) or run.library.has(entry):
            summary.already += 1
            continue
        run.seen.add(entry.url, entry.guid)
        if entry.url and len(entry.text) < page_min_chars:
            pages.append((summary, entry))
        else:
            to_save.append(entry)
    if to_save and not run.save_many(to_save, summary):
        keep_validators.forget(result.feed.url)
    return pages


def _take_page(
    run: _Run,
    summary: FeedSummary,
    job: Future[_PageResult],
    keep_validators: _Validators,
) -> None:
    result = job.result()  # Cancelled propagates to `update`
    entry = result.entry
    label = entry.url or entry.title
    if result.fetch_error is not None or result.prepared is None:
        summary.pages_failed += 1
        run.report.problems.append(Problem(label, result.fetch_error or "not saved"))
        # Not saved, and the feed's validators forgotten: the next update tries again.
        keep_validators.forget(summary.url)
    else:
        if result.parse_error is not None:
            summary.pages_failed += 1
            reason = f"{result.parse_error}; the feed's text kept"
            run.report.problems.append(Problem(label, reason))
        if not run.commit(result.prepared, summary, label):
            keep_validators.forget(summary.url)
    run.step(label)


# --- single pages -----------------------------------------------------------------------------


def add_pages(
    urls: Sequence[str],
    library: Library | Path,
    *,
    settings: FetchSettings | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> UpdateReport:
    """Save single web pages to the library (`reader add URL...`); one problem per failure.

    The report has no feed summaries; a url already in the library is neither fetched nor
    saved again.
    """
    from concurrent.futures import ThreadPoolExecutor, as_completed

    settings = settings or FetchSettings()
    library = library if isinstance(library, Library) else Library(Path(library))
    cancel = cancel or threading.Event()
    run = _Run(library, progress, len(urls))
    wanted: list[str] = []
    for url in dict.fromkeys(u.strip() for u in urls):
        if library.known().has(url, url):
            run.report.known.append(url)
            run.step(url)
            continue
        wanted.append(url)
    with Fetcher(settings, cancel) as fetcher, ThreadPoolExecutor(settings.workers) as pool:
        try:
            jobs = {
                pool.submit(_fetch_single_page, fetcher, url): url
                for url in interleave_hosts(wanted, lambda url: url)
            }
            for job in as_completed(jobs):
                url = jobs[job]
                parsed = job.result()
                run.report.problems.extend(parsed.problems)
                for article in parsed.articles:
                    try:
                        run.record_saved(library.save(article), None, url)
                    except OSError as error:
                        run.cannot_save(url, error)
                run.step(url)
        except Cancelled:
            run.report.cancelled = True
            pool.shutdown(wait=True, cancel_futures=True)
    library.flush()
    return run.report


def _fetch_single_page(fetcher: Fetcher, url: str) -> Parsed:
    try:
        response = fetcher.get(url, accept=_PAGE_ACCEPT)
        parsed = parse_page(
            response.content, url, url=response.url, content_type=response.content_type
        )
    except FetchError as error:
        return Parsed(problems=[Problem(url, str(error))])
    except Cancelled:
        raise
    except Exception as error:  # a bug on one page must not stop the others
        return Parsed(problems=[Problem(url, f"unexpected error ({type(error).__name__})")])
    # Keep the url the user gave, so `reader add` of the same url later finds it known.
    return Parsed(
        articles=[replace(a, url=a.url or url, guid=url) for a in parsed.articles],
        problems=parsed.problems,
    )
