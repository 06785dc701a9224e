"""Cache backends that every worker of a server shares, and that fail soft.

The site keeps its content version, clinic list and rate-limit counts in the default cache, so that cache must be
one store for every process: Redis when `REDIS_URL` is set (several servers), else files on this server's disk
(`make run`'s several gunicorn workers). A cache that is down or holds a corrupt entry is treated as a miss and
logged: the site then renders pages afresh, and the self-check never depends on a cache for its advice.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import pickle
import time
import zlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("site.cache")
T = TypeVar("T")


def _soft(default: Callable[..., Any]) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Run a cache call; on any failure of the store, log it and return what a miss would."""

    def wrap(method: Callable[..., T]) -> Callable[..., T]:
        def call(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except ValueError:
                raise  # Django's own "no such key" from incr: part of the interface, not a failure
            except Exception as error:  # noqa: BLE001 - any store failure is a miss, never an error page
                logger.warning("cache %s failed, treated as a miss: %s", method.__name__, type(error).__name__)
                return default(*args, **kwargs)

        call.__name__ = method.__name__
        return call

    return wrap


def _missing(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _empty(*args, **kwargs):
    return {}


def _zero(*args, **kwargs):
    # An increment that could not be counted: rate limits fail open.
    return 0


class SoftRedisCache(RedisCache):
    get = _soft(_missing)(RedisCache.get)
    set = _soft(_nothing)(RedisCache.set)
    add = _soft(_false)(RedisCache.add)
    touch = _soft(_false)(RedisCache.touch)
    delete = _soft(_false)(RedisCache.delete)
    get_many = _soft(_empty)(RedisCache.get_many)
    has_key = _soft(_false)(RedisCache.has_key)
    incr = _soft(_zero)(RedisCache.incr)
    set_many = _soft(_empty)(RedisCache.set_many)
    delete_many = _soft(_nothing)(RedisCache.delete_many)
    clear = _soft(_false)(RedisCache.clear)


class SharedFileCache(FileBasedCache):
    """Django's file cache, with increments that no two workers can interleave, corrupt entries read as misses,
    and reads that skip the file when it has not changed.

    Every write replaces an entry's file with a new one (a new inode), so a file whose inode, modification time
    and size are those last read still holds what was read: a stat instead of an open, a read and a decompress
    on the site's hottest path (the content version every page checks)."""

    MEMO_LIMIT = 1000

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._memo: dict[str, tuple[tuple[int, int, int], float | None, bytes]] = {}

    @_soft(_missing)
    def get(self, key, default=None, version=None):
        fname = self._key_to_file(key, version)
        try:
            stat = os.stat(fname)
        except FileNotFoundError:
            return default
        stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        memo = self._memo.get(fname)
        if memo is None or memo[0] != stamp:
            with open(fname, "rb") as f:
                expiry = pickle.load(f)  # noqa: S301 - the cache's own files
                memo = (stamp, expiry, zlib.decompress(f.read()))
            if len(self._memo) >= self.MEMO_LIMIT:
                self._memo.clear()
            self._memo[fname] = memo
        if memo[1] is not None and memo[1] < time.time():
            self._memo.pop(fname, None)
            self._delete(fname)
            return default
        return pickle.loads(memo[2])  # noqa: S301 - the cache's own files, written by this site

    set = _soft(_nothing)(FileBasedCache.set)
    add = _soft(_false)(FileBasedCache.add)

    def _cull(self):
        # Django counts every file in the folder before every write; once in a while is enough to keep it bounded.
        self._writes = getattr(self, "_writes", 0) + 1
        if self._writes % 64 == 1:
            super()._cull()

    def incr(self, key, delta=1, version=None):
        os.makedirs(self._dir, exist_ok=True)
        with open(os.path.join(self._dir, ".incr.lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                return super().incr(key, delta, version)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


class CounterFileCache(BaseCache):
    """Counters that every worker of this server shares, for the rate limits, without a lock.

    A count is the length of a file: adding one appends a byte, which the kernel does atomically however many
    workers append at once, and reading it is a stat. django-ratelimit's keys name their time window, so an old
    window's file is never counted again; files older than an hour are swept away now and then. (With Redis the
    rate limits use Redis instead.)"""

    SWEEP_EVERY = 500
    KEEP_SECONDS = 60 * 60

    def __init__(self, location, params):
        super().__init__(params)
        self._dir = os.path.abspath(location)
        self._adds = 0

    def _path(self, key, version=None) -> str:
        name = hashlib.sha256(self.make_and_validate_key(key, version=version).encode()).hexdigest()
        return os.path.join(self._dir, name)

    @_soft(_false)
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        os.makedirs(self._dir, exist_ok=True)
        self._adds += 1
        if self._adds % self.SWEEP_EVERY == 1:
            self._sweep()
        try:
            fd = os.open(self._path(key, version), os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600)
        except FileExistsError:
            return False
        try:
            os.write(fd, b"\0" * int(value))
        finally:
            os.close(fd)
        return True

    def incr(self, key, delta=1, version=None):
        try:
            fd = os.open(self._path(key, version), os.O_WRONLY | os.O_APPEND)
        except FileNotFoundError:
            raise ValueError(f"Key {key!r} not found") from None
        except OSError as error:
            logger.warning("rate-limit counter failed, not counted: %s", type(error).__name__)
            return 0  # rate limits fail open
        try:
            os.write(fd, b"\0" * delta)
            return os.fstat(fd).st_size
        finally:
            os.close(fd)

    def get(self, key, default=None, version=None):
        try:
            return os.stat(self._path(key, version)).st_size
        except OSError:
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.delete(key, version)
        self.add(key, value, timeout, version)

    def delete(self, key, version=None):
        try:
            os.remove(self._path(key, version))
        except FileNotFoundError:
            return False
        return True

    def clear(self):
        for entry in os.scandir(self._dir) if os.path.isdir(self._dir) else ():
            os.remove(entry.path)

    def _sweep(self) -> None:
        cutoff = time.time() - self.KEEP_SECONDS
        for entry in os.scandir(self._dir):
            try:
                if entry.stat().st_mtime < cutoff:
                    os.remove(entry.path)
            except FileNotFoundError:
                pass
