"""What the user typed into a search -> a safe FTS5 expression, or regexes for a plain scan.

Words are taken literally: quotes, `*`, `-`, `:`, `^`, `NEAR`, `AND`, `OR`, `NOT` and
parentheses are not operators. Every word must match; the last one also matches as a prefix
while it is being typed (no space after it yet) and has at least two letters.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A pasted page of text is not a query; words past this many are ignored.
MAX_QUERY_TERMS = 32
# A one-letter prefix matches most of a big corpus and is slow to expand; it is only a word.
MIN_PREFIX_CHARS = 2

_ALNUM = re.compile(r"[^\W_]")
_TOKEN = re.compile(r"[^\W_]+")


def search_terms(query: str) -> list[str]:
    """The words of a search that can match anything (those with a letter or digit), at most
    MAX_QUERY_TERMS. Not `reader.corpus.filter_terms`, the list filter's substrings."""
    return _searchable(query)[:MAX_QUERY_TERMS]


def _searchable(query: str) -> list[str]:
    return [term for term in query.split() if _ALNUM.search(term)]


def _last_is_prefix(query: str) -> bool:
    """True while the last word is still being typed: nothing, not even a space, after it."""
    words = query.split()
    searchable = _searchable(query)
    return (
        bool(searchable)
        and not query[-1:].isspace()
        and words[-1] == searchable[-1]
        and len(searchable) <= MAX_QUERY_TERMS
        and len(_TOKEN.findall(searchable[-1])[-1]) >= MIN_PREFIX_CHARS
    )


def fts_query(query: str, *, prefix: bool = True) -> str | None:
    """An FTS5 MATCH expression for `query`, or None when it has nothing to search for.

    Each word is a quoted string (a `"` inside is doubled), so FTS5 reads none of it as
    syntax; its tokenizer splits `scale-ai` into the phrase "scale ai". The last word is
    `("word" OR "word"*)`: it matches as a prefix, and whole-word hits still score higher.
    With `prefix=False` every word is a whole word (no costly expansion of the prefix).
    """
    terms = search_terms(query)
    if not terms:
        return None
    phrases = ['"' + term.replace('"', '""') + '"' for term in terms]
    if prefix and _last_is_prefix(query):
        phrases[-1] = f"({phrases[-1]} OR {phrases[-1]}*)"
    return " AND ".join(phrases)


def short_prefix(query: str, longest: int) -> str | None:
    """The query without its last word when that word is a prefix of at most `longest`
    letters (its last token), which FTS5 expands slowly (to every word it begins, before the
    first row); else None. The other words may be blank."""
    terms = search_terms(query)
    if not terms or not _last_is_prefix(query):
        return None
    if len(_TOKEN.findall(terms[-1])[-1]) > longest:
        return None
    return " ".join(terms[:-1])


def narrower_prefix(earlier: str, query: str) -> bool:
    """True when every match of `query` also matches `earlier`: both end in a prefix being
    typed, a plain word, the same words before it, and `query`'s extends `earlier`'s
    ("oil pri" -> "oil pric"), so `earlier`'s matches may be searched instead of all."""
    if not (_last_is_prefix(earlier) and _last_is_prefix(query)):
        return False
    before, after = search_terms(earlier), search_terms(query)
    if len(before) != len(after) or before[:-1] != after[:-1]:
        return False
    old, new = before[-1].lower(), after[-1].lower()
    return new.startswith(old) and bool(_TOKEN.fullmatch(old)) and bool(_TOKEN.fullmatch(new))


def scan_patterns(query: str) -> list[re.Pattern[str]]:
    """One case-insensitive regex per word, with the same word and prefix rules as FTS."""
    terms = search_terms(query)
    patterns = []
    for position, term in enumerate(terms):
        prefix = position == len(terms) - 1 and _last_is_prefix(query)
        body = r"[\W_]+".join(re.escape(token) for token in _TOKEN.findall(term))
        end = "" if prefix else r"(?![^\W_])"
        patterns.append(re.compile(rf"(?<![^\W_]){body}{end}", re.IGNORECASE))
    return patterns


def word_tests(query: str) -> list[Callable[[str], bool]]:
    """One test per word, as `scan_patterns` matches, for text already lower-cased: faster
    when most texts are tested only once (the regex starts with the word itself, so it is
    found by a fast search; the start of a word is checked after)."""
    terms = search_terms(query)
    tests = []
    for position, term in enumerate(terms):
        prefix = position == len(terms) - 1 and _last_is_prefix(query)
        body = r"[\W_]+".join(re.escape(token) for token in _TOKEN.findall(term.lower()))
        end = "" if prefix else r"(?![^\W_])"
        tests.append(_starts_a_word(re.compile(body + end)))
    return tests


def _starts_a_word(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    def test(text: str) -> bool:
        for match in pattern.finditer(text):
            start = match.start()
            if not start or not _ALNUM.match(text, start - 1):
                return True
        return False

    return test
