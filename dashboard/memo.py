"""A small thread-safe LRU memo shared by every session of the server process."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Generic, Hashable, TypeVar

T = TypeVar("T")


class Lru(Generic[T]):
    """Up to `size` values by key, least recently used dropped first.

    Unlike st.cache_data it neither pickles nor hashes the arguments: a hit costs a dict lookup.
    Callers must treat the values as read-only (or copy them).
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value stored under `key`, made (outside the lock) and stored when missing."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = make()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value

