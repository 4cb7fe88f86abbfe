"""A small run of the scale benchmark's pieces (1,000 articles): correctness, not speed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import index_probe
from benchmarks.synthetic import CorpusWriter, ensure_corpus
from reader.corpus import Corpus, sort_articles
from reader.index import open_corpus

SIZE = 1000


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_corpus(tmp_path_factory.mktemp("synthetic") / "corpus", SIZE)


def test_generator_is_deterministic_and_news_shaped(synthetic: Path) -> None:
    files = sorted(path for path in synthetic.rglob("*") if path.suffix in (".txt", ".md"))
    assert len(files) == SIZE
    assert CorpusWriter().article(7) == CorpusWriter().article(7)
    sizes = [path.stat().st_size for path in files]
    assert 1500 < sum(sizes) / len(sizes) < 6000
    assert sum(path.suffix == ".md" for path in files) == SIZE * 3 // 10  # front matter


def test_parallel_index_matches_corpus_load_and_finds_an_article(
    synthetic: Path, tmp_path: Path
) -> None:
    corpus = open_corpus([synthetic], index_path=tmp_path / "index.db", workers=2)
    loaded = Corpus.load([synthetic])
    assert corpus.problems == loaded.problems == []
    assert [a.to_json() for a in sort_articles(corpus.articles)] == [
        a.to_json() for a in sort_articles(loaded.articles)
    ]
    target = next(a for a in loaded.articles if a.id.endswith("000421"))
    name = " ".join(target.title.split()[:2])  # "<Word> <Surname>", nearly unique
    hits = corpus.search(name)
    assert hits[0][0].id == target.id
    assert hits[0][0].body == target.body
    assert target.id in {a.id for a in corpus.articles if a.rowid in corpus.matching(name)}
    corpus.index.close()
    warm = open_corpus([synthetic], index_path=tmp_path / "index.db")
    assert warm.report.unchanged == SIZE and warm.report.parsed == 0


def test_index_probe_reports_every_figure(synthetic: Path, tmp_path: Path, capsys) -> None:
    index = tmp_path / "probe.db"
    queries = tmp_path / "queries.json"
    queries.write_text(json.dumps({"search": ["market", "oil prices"], "typed": ["gov"]}))
    index_probe.main(["cold", str(synthetic), str(index)])
    cold = json.loads(capsys.readouterr().out)
    assert cold["articles"] == SIZE and cold["cold_total_rate"] > 0
    index_probe.main(["warm", str(synthetic), str(index), str(queries)])
    warm = json.loads(capsys.readouterr().out)
    assert warm["refresh_unchanged"] == SIZE
    assert set(warm["search_ms"]) == {"market", "oil prices"}
    assert warm["search_hits"]["market"] > 0
    assert warm["newest_title"]
