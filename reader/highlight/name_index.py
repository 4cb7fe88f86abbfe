"""Names seen across a corpus: short forms, kinds, mention counts, and names the user declares."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from reader.highlight import lexicon as lx
from reader.highlight.figures import scan_figures
from reader.highlight.known_names import KnownNames, NameSpec
from reader.highlight.name_kinds import add_votes, no_votes, votes_to_kind
from reader.highlight.name_shapes import LOWER_WORD_RE
from reader.highlight.text_names import TextNames

# Builds over at most this many texts keep each text's set of lower-case words between
# their two passes instead of making it again.
_KEEP_WORD_SETS = 16


class NameIndex(KnownNames):
    """Names seen across a corpus: short forms, kinds and mention counts, learnt by `build`."""

    @classmethod
    def build(
        cls,
        articles: Iterable[object],
        names: Iterable[NameSpec] = (),
        never: Iterable[str] = (),
        should_stop: Callable[[], bool] = lambda: False,
    ) -> NameIndex:
        """Index the names of `articles` (objects with .title and .body). Asked between
        texts, `should_stop` ends the build early (quitting must not wait seconds for it):
        what is returned then is partial, for the caller to throw away."""
        index = cls()
        index._never = frozenset(word.strip().lower() for word in never if word.strip())
        index._declare(names)
        texts = []
        for article in articles:
            if should_stop():
                return index
            texts.append(f"{article.title}\n\n{article.body}")  # type: ignore[attr-defined]
        # Lower-case words by the number of texts using them (counted once per text). Each
        # text's set of words is made again in the second pass rather than kept: 2,000 sets
        # of their own word strings were most of the memory this takes. A few texts' sets
        # are kept (`reader compare A B`: the index over the two; a 5,000-word text's set
        # takes 0.8 ms to make, twice per text).
        kept_words: list[set[str]] = []
        for text in texts:
            if should_stop():
                return index
            words = set(LOWER_WORD_RE.findall(text))
            index._lower.update(words)
            if len(texts) <= _KEEP_WORD_SETS:
                kept_words.append(words)
        votes: dict[str, list[float]] = {}
        fulls: dict[str, Counter[str]] = defaultdict(Counter)
        mentions: list[list[str]] = []
        unsure: list[list[str]] = []
        for number, text in enumerate(texts):
            if should_stop():
                return index
            words = kept_words[number] if kept_words else set(LOWER_WORD_RE.findall(text))
            _, protected = scan_figures(text, with_figures=False)
            finder = TextNames(text, index, protected, words)
            finder.index = None  # first pass: evidence from each text alone
            finder.vocab.corpus = index._lower
            found = finder.spans()
            for name in finder.mid_known:
                index._known[name] += 1
            for name in finder.full_names:
                fulls[name.rsplit(" ", 1)[1]][name] += 1
            for name, evidence in finder.votes.items():
                total = votes.get(name)
                if total is None:
                    votes[name] = list(evidence)
                else:
                    add_votes(total, evidence)
            mentions.append([str(span.value) for span in found])
            unsure.append(finder.unsure)
        for short, counter in fulls.items():
            (best, best_count), seen = counter.most_common(1)[0], sum(counter.values())
            if short in lx.PLACES or short in index._declared_kinds:
                continue  # "London" is a city before it is anyone's surname
            short_votes = votes.get(short)
            if short_votes and votes_to_kind(short_votes) not in ("person", "other"):
                continue  # a company or place by itself, whatever "X Y Short" once was
            if votes_to_kind(votes.get(best, no_votes())) != "person":
                continue  # "Universal Music" is no one's full name
            if best_count >= 0.75 * seen:
                index._short[short] = best
                index._fulls.add(best)
        canonical = index.canonical
        merged: dict[str, list[float]] = {}
        for name, evidence in votes.items():
            key = canonical(name)
            total = merged.get(key)
            if total is None:
                merged[key] = list(evidence)
            else:
                add_votes(total, evidence)
        for name, evidence in merged.items():
            index._kinds.setdefault(name, votes_to_kind(evidence))
        mentioned = Counter(name for found_names in mentions for name in found_names)
        for name, count in mentioned.items():
            index._counts[canonical(name)] += count
        # Sentence starts and headings the texts alone could not vouch for, now known.
        for candidates in unsure:
            for name in candidates:
                if index._is_known(name):
                    index._counts[index.canonical(name)] += 1
        return index
