"""Synthetic corpora of realistic shape (titles, bylines, dates, paragraphs, front matter).

Articles are assembled from a fixed pool of generated sentences plus per-article names and
figures, so 100,000 of them are written in well under a minute, while sizes and word
frequencies stay close to real news text: a few thousand characters each, function words
everywhere, content words drawn from a Zipf distribution over 40,000 terms (the commonest in
about half the articles, most in very few). Deterministic: a size always gives the same files.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

# Bump when the shape of the output changes, so cached corpora are regenerated.
GENERATOR_VERSION = "2"
MARKER = ".complete"
FILES_PER_FOLDER = 500

SECTIONS = ("business", "politics", "technology", "science", "culture", "sport", "world")
SOURCES = (
    ("The Daily Ledger", "dailyledger.example"),
    ("Morning Wire", "morningwire.example"),
    ("Harbor Times", "harbortimes.example"),
    ("Northern Post", "northernpost.example"),
    ("Civic Review", "civicreview.example"),
    ("Open Markets", "openmarkets.example"),
    ("Signal & Noise", "signalnoise.example"),
    ("The Chronicle", "chronicle.example"),
)
FUNCTION_WORDS = (
    "the of and to a in that is for on it with as was he be by at from his an have are"
    " which this or had but not they has been were their its also more after who would"
    " will into than about over them could some when there only while most"
).split()
# The commonest content words of news text, in rough order; pseudo-words follow them.
NEWS_WORDS = (
    "said year new people first government last two years company time market week"
    " million told minister percent three billion report group deal plans growth shares"
    " officials police court election prices sales industry bank data users quarter profit"
    " investors analysts record rates oil energy health school workers union city council"
    " trade tax budget film music team season match league player coach game cup final"
).split()
ZIPF_EXPONENT = 1.0
FUNCTION_WORD_SHARE = 0.5
FIRST_NAMES = (
    "Ada Amir Bea Carlos Chen Dara Elif Femi Gita Hana Ivan Jonas Kofi Lena Mateo Nadia"
    " Omar Priya Quinn Rosa Sami Tomas Uma Vera Wen Yusuf Zara"
).split()
LAST_NAMES = (
    "Abara Bergstrom Castillo Dimitrov Eklund Fontaine Garcia Haddad Ivanova Jensen"
    " Kowalski Lindqvist Moreau Nakamura Okafor Petrov Quist Rahman Sato Tanaka Ueda"
    " Varga Weller Xu Yilmaz Zimmer"
).split()
SYLLABLES = (
    "ka lo ri ven tor sa mi del quo zan ber fi gu hal ist mon pra sel tik ur vo wex yan"
    " ar bel cor dun eph gar"
).split()


def _pseudo_words(rng: random.Random, count: int) -> list[str]:
    words = set()
    while len(words) < count:
        size = 2 if rng.random() < 0.02 else rng.randint(3, 4)
        words.add("".join(rng.choice(SYLLABLES) for _ in range(size)))
    return sorted(words)


def _zipf_cumulative(count: int) -> list[float]:
    total, cumulative = 0.0, []
    for rank in range(1, count + 1):
        total += 1 / rank**ZIPF_EXPONENT
        cumulative.append(total)
    return cumulative


def _sentence(rng: random.Random, vocabulary: list[str], cumulative: list[float]) -> str:
    length = rng.randint(8, 26)
    content = rng.choices(vocabulary, cum_weights=cumulative, k=length)
    words = [
        rng.choice(FUNCTION_WORDS) if rng.random() < FUNCTION_WORD_SHARE else content[i]
        for i in range(length)
    ]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), _figure(rng))
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice(".....?!")


def _figure(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return f"${rng.randint(1, 99)}.{rng.randint(0, 9)}{rng.choice(['bn', 'm', ' billion'])}"
    if kind < 0.7:
        return f"{rng.randint(1, 99)}%"
    return str(rng.randint(2, 9999))


class CorpusWriter:
    """Writes article number i of a synthetic corpus; the same i always gives the same text."""

    def __init__(self, seed: int = 2025) -> None:
        rng = random.Random(seed)
        pseudo = _pseudo_words(rng, 40_000)
        rng.shuffle(pseudo)
        self.vocabulary = NEWS_WORDS + pseudo
        self.cumulative = _zipf_cumulative(len(self.vocabulary))
        self.sentences = [_sentence(rng, self.vocabulary, self.cumulative) for _ in range(20_000)]

    def words(self, rng: random.Random, count: int) -> list[str]:
        """`count` content words, common ones more often (Zipf)."""
        return rng.choices(self.vocabulary, cum_weights=self.cumulative, k=count)

    def article(self, number: int) -> tuple[str, str]:
        """(relative file path, text) of article `number`."""
        rng = random.Random(number * 7919 + 17)
        section = SECTIONS[number % len(SECTIONS)]
        source, domain = SOURCES[rng.randrange(len(SOURCES))]
        author = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        published = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
        name = f"{rng.choice(self.vocabulary[60:]).capitalize()} {rng.choice(LAST_NAMES)}"
        title_words = self.words(rng, rng.randint(2, 6))
        title = f"{name} {' '.join(title_words)} {rng.choice(FUNCTION_WORDS)} {_figure(rng)}"
        paragraphs = []
        for _ in range(rng.randint(3, 10)):
            chosen = rng.choices(self.sentences, k=rng.randint(2, 5))
            if rng.random() < 0.4:
                (word,) = self.words(rng, 1)
                chosen.append(f"{name} said the {word} was {_figure(rng)}.")
            paragraphs.append(" ".join(chosen))
        body = "\n\n".join(paragraphs)
        folder = f"{section}/{number // FILES_PER_FOLDER:04d}"
        shape = number % 10
        if shape < 3:
            tags = ", ".join(dict.fromkeys(self.words(rng, 2)))
            text = (
                f"---\ntitle: {title!r}\nsource: {source}\nauthor: {author}\n"
                f"published: {published.isoformat()}\nurl: https://{domain}/{number}\n"
                f"tags: [{tags}]\n---\n\n{body}\n"
            )
            return f"{folder}/{number:06d}.md", text
        if shape < 6:
            head = f"By {author} | {published.strftime('%B %d, %Y')}"
        elif shape < 8:
            head = published.strftime("%b %d, %Y")
        else:
            head = ""
        tail = f"\n\nSource: [{source}](https://{domain}/{number})" if shape % 2 else ""
        return f"{folder}/{number:06d}.txt", f"{title}\n\n{head}\n\n{body}{tail}\n"


def ensure_corpus(folder: Path, size: int, seed: int = 2025) -> Path:
    """A synthetic corpus of `size` articles in `folder`, reused when already complete."""
    marker = folder / MARKER
    stamp = f"{GENERATOR_VERSION} {size} {seed}"
    if marker.is_file() and marker.read_text() == stamp:
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    writer = CorpusWriter(seed)
    for number in range(size):
        relative, text = writer.article(number)
        path = folder / relative
        if number % FILES_PER_FOLDER == 0 or not path.parent.is_dir():
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    marker.write_text(stamp)
    return folder
