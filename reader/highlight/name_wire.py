"""Wire-copy shapes of company names, joined after the names of a text are found.

Newswire writes companies with their legal form and punctuation inside the name:
`Harlow Industries Inc.`, `Fiat S.p.A.`, `Tanaka Electric Company, Ltd.`, `Lehman, Ward & Co.`,
`McDonald's Corp.`, `Standard & Poor's Ratings Services`; and places with a state's
abbreviation (`Stamford, Conn.`). The name finder stops at the dot, comma or apostrophe; this
pass joins the pieces. Every rule is general English (legal forms, US state abbreviations).
"""

from __future__ import annotations

import re

from reader.highlight import lexicon as lx
from reader.highlight.span import Span

# Legal forms written with a final dot, and the state abbreviations of US wire datelines.
DOTTED_SUFFIXES = frozenset(
    "Inc Corp Co Cos Ltd Bros Jr Sr Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La "
    "Md Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Va Vt Wash Wis Wyo".split()
)
# Legal forms that end a company's name (with or without their dot).
LEGAL_FORMS = frozenset(
    "Inc Inc. Corp Corp. Co Co. Cos Cos. Ltd Ltd. Limited PLC Plc plc LLC LLP AG GmbH SA S.A. "
    "NV N.V. BV B.V. SpA S.p.A. SE Company Corporation Bros Bros. Group Holdings".split()
)
# Forms that never end anything but a company's name ("Group" may: "Britain's Virgin Group").
_STRICT_FORMS = frozenset("Inc Corp Co Cos Ltd PLC Plc plc LLC LLP AG GmbH S.p.A N.V".split())
# ", Ltd." after "Company": a second legal form set off by a comma.
_COMMA_FORM_RE = re.compile(r", (?:Inc|Ltd|Co|Corp|LLC|PLC|Plc|L\.P|S\.A)\.?(?![^\W_])")
# Where a place stands before a weekday: "in Seoul Monday", "at Lord's Friday".
_PLACE_BEFORE_RE = re.compile(r"(?<![^\W_])(?:in|at|from|near|outside|to|visit|visited) $")
# Nouns that make a compound with a common acronym after a name: "Llama AI models".
_ACRONYM_NOUNS = frozenset(
    "model models tool tools system systems feature features chip chips app apps assistant "
    "assistants agent agents product products service services technology software platform "
    "platforms research lab labs team teams push efforts strategy spending investment".split()
)
_NOUN_AFTER_RE = re.compile(r"[ \u00a0]([a-z]+)")
_ABSTRACT_ENDINGS = ("ence", "ance", "ness", "ment", "tion", "sion", "ity", "ism")
# A lone legal form left from a name the finder cut ("Semitron Corp" at a sentence start).
_WORD_BEFORE_RE = re.compile(r"(?:[A-Z][\w&'’.-]*[ \u00a0])+$")


def _last_word(text: str) -> str:
    return text.rsplit(None, 1)[-1] if text else ""


def _is_company(text: str, strict: bool = False) -> bool:
    last = _last_word(text)
    if strict:
        return last.rstrip(".") in _STRICT_FORMS
    return last in LEGAL_FORMS or last.rstrip(".") in LEGAL_FORMS


def join_wire_names(text: str, spans: list[Span]) -> list[Span]:
    """`spans` (sorted, non-overlapping) with wire-style company names joined."""
    out: list[Span] = []
    append = out.append
    looks = _LOOKS
    companies = False
    end = -1
    for span in spans:
        if span.cls != "name":
            append(span)
            end = span.end
            continue
        if span.start < end:
            continue  # "Ltd." already taken into "Company, Ltd."
        name = text[span.start : span.end]
        look = looks.get(name)
        if look is None:
            if len(looks) > 50_000:
                looks.clear()
            look = looks[name] = _needs_look(name)
        if look:
            span = _extend(text, span, out)
            if _no_name(text, span):
                continue
            companies = companies or span.kind == "org"
        gap = span.start - end
        # end < 0: nothing before this name yet (text[-1] would be the text's last character).
        if end >= 0 and ((gap == 2 and text[end] == ",") or (gap == 3 and text[end] in "'’")):
            previous = out[-1]
            merged = _merge(text, previous, span) if previous.cls == "name" else None
            if merged is not None:
                out[-1] = merged
                end = merged.end
                companies = True
                continue
        append(span)
        end = span.end
    if not companies:
        return out
    return _short_forms(text, _possessive_stems(text, out))


# Whether a name's text may need a second look (see _needs_look), by text: names recur.
_LOOKS: dict[str, bool] = {}
_ABSTRACT_MIN = 10


def _needs_look(name: str) -> bool:
    words = name.split()
    last = words[-1]
    return (
        last in LEGAL_FORMS
        or last in DOTTED_SUFFIXES
        or last in lx.WEEKDAYS
        or any(word in lx.COMMON_ACRONYMS for word in words)
        or (len(words) == 1 and len(name) >= _ABSTRACT_MIN and name.endswith(_ABSTRACT_ENDINGS))
    )


def _distinctive(word: str, text: str) -> bool:
    """A word that names the company by itself: no place, given name or ordinary word."""
    return (
        word not in lx.PLACES
        and word not in lx.FIRST_NAMES
        and not word.lower().endswith(_ADJECTIVE_ENDINGS)
        and not _lower_word_in(word.lower(), text)
    )


def _lower_word_in(lower: str, text: str) -> bool:
    """Whether `lower` (read as a pattern) stands as a whole word in `text`.

    A plain word is looked for as it is (see `_whole_word`); a word absent from the text,
    the common case, needs no regex at all."""
    if re.escape(lower) == lower:
        return lower in text and _whole_word(lower).search(text) is not None
    return re.search(rf"(?<![^\W_]){lower}(?![^\W_])", text) is not None


def _whole_word(literal: str, after: str = r"(?![^\W_])") -> re.Pattern[str]:
    r"""`(?<![^\W_])literal` + `after` written literal first: the same matches, but a pattern
    opening with a look-behind has no literal prefix to look for, so the regex tries every
    position of a long text (1.5 ms for 5,000 words); the literal is found at once. The
    look-behind after it asks the same of the character before the literal."""
    return re.compile(rf"{literal}(?<![^\W_]{literal}){after}")


_ADJECTIVE_ENDINGS = (
    "ic", "al", "ed", "ing", "ive", "ous", "ern", "ard", "ary", "ent", "ant", "ial", "ful", "less",
)  # fmt: skip


def _short_forms(text: str, spans: list[Span]) -> list[Span]:
    """ "Semitron chief executive ..." after "Semitron Corp.": the company's short name."""
    stems = {}
    for span in spans:
        if span.cls == "name" and span.kind == "org":
            words = text[span.start : span.end].split()
            if len(words) >= 2 and _is_company(words[-1], strict=True):
                first = words[0]
                if len(first) > 2 and first.isalpha() and first not in lx.FUNCTION_WORDS:
                    if _distinctive(first, text):
                        stems[first] = span.value
    if not stems:
        return spans
    taken = [(span.start, span.end) for span in spans]
    added = []
    for stem, company in stems.items():
        whole = _whole_word(re.escape(stem), r"(?![^\W_]|[ \u00a0][A-Z])")
        for match in whole.finditer(text):
            start, end = match.span()
            if not any(start < t_end and t_start < end for t_start, t_end in taken):
                added.append(Span(start, end, "name", "org", company))
    if not added:
        return spans
    return sorted(spans + added, key=lambda span: span.start)


def _no_name(text: str, span: Span) -> bool:
    """Words that only look like a name: "Comments FAQ", a heading's "Superintelligence"."""
    name = text[span.start : span.end]
    words = name.split()
    acronyms = sum(word in lx.COMMON_ACRONYMS for word in words)
    if acronyms and all(word in lx.FUNCTION_WORDS or word in lx.COMMON_ACRONYMS for word in words):
        return acronyms < len(words)
    if (
        len(words) == 1
        and len(name) >= 10
        and name.endswith(_ABSTRACT_ENDINGS)
        and name not in lx.ORG_SUFFIXES
        and name not in lx.OF_HEADS
    ):
        # An abstract noun capitalised for emphasis, written in lower case elsewhere.
        lower = name.lower()
        return _lower_word_in(lower, text)
    return False


def _extend(text: str, span: Span, before: list[Span]) -> Span:
    start, end = span.start, span.end
    name = text[start:end]
    last = _last_word(name)
    if last in lx.COMMON_ACRONYMS and " " in name:
        after = _NOUN_AFTER_RE.match(text, end)
        if after and after.group(1) in _ACRONYM_NOUNS:
            # "Llama AI models": "AI models" is a compound noun; the name is "Llama".
            end = start + len(name) - len(last) - 1
            return Span(start, end, "name", span.kind, text[start:end])
    day = _last_word(name)
    if (
        day in lx.WEEKDAYS
        and " " in name
        and _PLACE_BEFORE_RE.search(text, max(0, start - 12), start)
    ):
        # "talks in Seoul Monday": wire style puts the day after the place.
        end = start + len(name) - len(day) - 1
        name = text[start:end]
        kind = "place" if name in lx.PLACES or span.kind == "other" else span.kind
        return Span(start, end, "name", kind, name)
    last = _last_word(name)
    if last in LEGAL_FORMS and " " not in name:
        # Only the legal form survived: take the capitalised words before it back.
        limit = before[-1].end if before else 0
        match = _WORD_BEFORE_RE.search(text, max(limit, start - 80), start)
        if match and match.group().split()[0] not in ("The", "A", "An"):
            start = match.start()
    if last in DOTTED_SUFFIXES and text[end : end + 1] == ".":
        end += 1
    if _is_company(text[start:end]):
        comma = _COMMA_FORM_RE.match(text, end)
        if comma:
            end = comma.end()
            if text[end : end + 1] == "." and text[end - 1] != ".":
                end += 1
    if (start, end) == (span.start, span.end):
        return span
    kind = "org" if _is_company(text[start:end]) else span.kind
    value = text[start:end] if kind == "org" else span.value
    return Span(start, end, "name", kind, value)


def _merge(text: str, left: Span, right: Span) -> Span | None:
    """`Lehman, Ward & Co.` and `McDonald's Corp.`: two names that are one company."""
    gap = text[left.end : right.start]
    right_text = text[right.start : right.end]
    if gap == ", " and " & " in right_text and _is_company(right_text):
        if " " not in text[left.start : left.end]:
            return Span(left.start, right.end, "name", "org", text[left.start : right.end])
    if gap in ("'s ", "’s "):
        left_text = text[left.start : left.end]
        single = " " not in left_text and left_text not in lx.PLACES
        if (single and _is_company(right_text, strict=True)) or (
            " & " in left_text and right_text[:1].isupper()
        ):
            return Span(left.start, right.end, "name", "org", text[left.start : right.end])
    return None


def _possessive_stems(text: str, spans: list[Span]) -> list[Span]:
    """Once `McDonald's Corp.` is one name, a later `McDonald's` is the company too."""
    stems = set()
    for span in spans:
        if span.cls == "name" and span.kind == "org":
            name = text[span.start : span.end]
            for mark in ("'s ", "’s "):
                head, found, _ = name.partition(mark)
                if found and " " not in head:
                    stems.add(head)
    if not stems:
        return spans
    out = []
    for span in spans:
        if span.cls == "name" and text[span.start : span.end] in stems:
            if (
                text[span.end : span.end + 2] in ("'s", "’s")
                and not text[span.end + 2 : span.end + 3].isalpha()
            ):
                name = text[span.start : span.end + 2]
                span = Span(span.start, span.end + 2, "name", "org", name)
        out.append(span)
    return out


# A title of a work in double quotes: "Gone with the Wind", "Dune: Part Two".
_QUOTED_RE = re.compile(r"[\"“]([A-Z0-9][^\"“”\n]{2,90}?)[\"”]")
_TITLE_SMALL = frozenset(
    "a an the of in on at to for and or but by with from as is are nor into than over up its "
    "vs".split()
)


def quoted_titles(text: str) -> list[tuple[int, int]]:
    """(start, end) of every title of a work written in double quotes, quotes left out.

    Every word is capitalised or a small word ("with", "the"), there are at least two words,
    and nothing ends as speech does (a comma, a full stop): "Pride and Prejudice" is a title,
    "We hope for progress," is a quote.
    """
    if '"' not in text and "“" not in text:
        return []
    found = []
    for match in _QUOTED_RE.finditer(text):
        inner = match.group(1)
        words = inner.split()
        if len(words) < 2 or inner[-1] in ",.;!" or words[-1].lower() in _TITLE_SMALL:
            continue
        if all(
            word[0].isupper() or word[0].isdigit() or word in _TITLE_SMALL for word in words
        ) and not all(word[0].isupper() and word in lx.FUNCTION_WORDS for word in words):
            found.append(match.span(1))
    return found
