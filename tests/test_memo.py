"""The bounded memo every per-process word cache uses: it never holds more than its limit, and pickles empty."""

from __future__ import annotations

import pickle

import pytest

from searchsvc import analysis, query
from searchsvc.memo import Memo
from searchsvc.schema import make_schema, schema_memo


def test_a_full_memo_starts_afresh_and_keeps_the_new_entry() -> None:
    memo = Memo(3)
    for word in ("a", "b", "c"):
        memo[word] = word.upper()
    assert len(memo) == 3
    memo["d"] = "D"
    assert dict(memo) == {"d": "D"}
    memo["d"] = "DD"  # replacing an entry of a memo below its limit keeps the others
    memo["e"] = "E"
    assert dict(memo) == {"d": "DD", "e": "E"}


def test_a_memo_pickles_empty_with_its_limit() -> None:
    memo = Memo(5)
    memo["word"] = "stem"
    sent = pickle.loads(pickle.dumps(memo))
    assert type(sent) is Memo and sent.limit == 5 and len(sent) == 0


def test_kept_in_makes_a_memo_once_per_key_and_refuses_what_cannot_be_weakly_keyed() -> None:
    import weakref

    class Reader:
        pass

    owners: "weakref.WeakKeyDictionary[Reader, Memo]" = weakref.WeakKeyDictionary()
    reader = Reader()
    first = Memo.kept_in(owners, reader, 4)
    first["w"] = 1
    assert Memo.kept_in(owners, reader, 4) is first and first.limit == 4
    with pytest.raises(TypeError):  # the callers' cue to work without a memo
        Memo.kept_in(owners, 17, 4)


def test_a_stemmer_keeps_at_most_its_memo_limit_and_stems_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "_MEMO_WORDS", 2)
    stem = analysis.SnowballStem("nl")
    words = ["diplomaten", "uitgezet", "spionage", "diplomaten", "ambassades"]
    got = [stem(w) for w in words]
    assert len(stem._memo) <= 2
    assert got == [stem._stem(w) for w in words]  # what the stemmer makes of each word without a memo
    sent = pickle.loads(pickle.dumps(stem))  # a build's worker processes get the stemmer without its memo
    assert len(sent._memo) == 0 and sent("diplomaten") == got[0]


def test_query_word_analyses_stay_within_their_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(query, "QUERY_WORDS", 10)
    schema = make_schema()
    words = [f"woord{i}" for i in range(25)]
    for word in words:
        query.query_tokens(schema, "body_nl", word)
    memo = schema_memo(schema)["query_tokens"]
    assert 0 < len(memo) <= 10
    assert query.query_tokens(schema, "body_nl", words[0]) == tuple(
        t.text for t in schema["body_nl"].analyzer(words[0], mode="query", tokenize=True, removestops=True)
    )
