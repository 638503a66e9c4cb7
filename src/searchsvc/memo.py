"""Bounded memos: the dict every per-process cache of words uses, emptied when full instead of growing."""

from __future__ import annotations

from typing import Any, MutableMapping


class Memo(dict[Any, Any]):
    """A dict of at most `limit` entries: storing one more into a full memo empties it first.

    Starting afresh costs the hot path nothing: a hit is dict.get in C, where an LRU would pay bookkeeping on
    every hit. The words of queries and documents that come back soon are remembered again within a few requests.
    """

    __slots__ = ("limit",)

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    @classmethod
    def kept_in(cls, owner: MutableMapping[Any, Any], key: Any, limit: int) -> "Memo":
        """Return owner[key], first storing a new memo of `limit` entries there when it has none.

        Unlike owner.setdefault(key, Memo(limit)), no memo is made on the calls that find one. A weak-keyed owner
        raises TypeError for a key that cannot be weakly referenced, as setdefault does.
        """
        memo = owner.get(key)
        if memo is None:
            memo = owner[key] = cls(limit)
        return memo  # type: ignore[no-any-return]

    def __setitem__(self, key: Any, value: Any) -> None:
        """Store one entry, emptying the memo first when it is full."""
        if len(self) >= self.limit:
            self.clear()
        dict.__setitem__(self, key, value)

    def __reduce__(self) -> tuple[type, tuple[int]]:
        """Pickle as an empty memo of the same limit: what it remembers is cheap to find again, not worth sending."""
        return (type(self), (self.limit,))
