"""The shared caches: a corrupt entry or a cache that is down is a miss, never an error; increments are exact."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from site_config.caches import CounterFileCache, SharedFileCache, SoftRedisCache


def file_cache(folder: Path) -> SharedFileCache:
    return SharedFileCache(str(folder), {})


def in_four_processes(target, *args) -> None:
    """Run `target` in four processes at once, as four gunicorn workers would, and wait for them all."""
    workers = [multiprocessing.Process(target=target, args=args) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


def test_a_corrupt_entry_reads_as_a_miss(tmp_path, caplog):
    cache = file_cache(tmp_path)
    cache.set("page", "content")
    Path(cache._key_to_file("page")).write_bytes(b"\x00not a cache entry")
    assert cache.get("page", "missing") == "missing"
    assert "treated as a miss" in caplog.text


def _count(folder: str, times: int) -> None:
    cache = SharedFileCache(folder, {})
    for _ in range(times):
        cache.incr("hits")


def test_increments_from_several_processes_are_all_counted(tmp_path):
    cache = file_cache(tmp_path)
    cache.set("hits", 0, None)
    in_four_processes(_count, str(tmp_path), 50)
    assert cache.get("hits") == 200


def test_redis_that_is_down_is_a_miss_and_counts_nothing(caplog):
    cache = SoftRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}})
    assert cache.get("page", "missing") == "missing"
    assert cache.add("hits", 0) is False
    assert cache.incr("hits") == 0  # so a rate limit fails open
    cache.set("page", "content")
    assert "cache incr failed, treated as a miss" in caplog.text


def test_a_changed_entry_is_read_afresh_by_a_reader_that_read_it_before(tmp_path):
    reader, writer = file_cache(tmp_path), file_cache(tmp_path)
    writer.set("version", 1, None)
    assert reader.get("version") == 1
    writer.set("version", 2, None)
    assert reader.get("version") == 2
    writer.delete("version")
    assert reader.get("version", "missing") == "missing"


def test_an_entry_past_its_timeout_is_a_miss_even_when_remembered(tmp_path, monkeypatch):
    cache = file_cache(tmp_path)
    cache.set("page", "content", 60)
    assert cache.get("page") == "content"
    monkeypatch.setattr("site_config.caches.time.time", lambda: 10**12)
    assert cache.get("page", "missing") == "missing"


def _hit(folder: str, times: int) -> None:
    counters = CounterFileCache(folder, {})
    for _ in range(times):
        counters.incr("client")


def test_rate_limit_counters_count_every_hit_from_several_processes(tmp_path):
    counters = CounterFileCache(str(tmp_path), {})
    assert counters.add("client", 1, 60) is True
    assert counters.add("client", 1, 60) is False
    in_four_processes(_hit, str(tmp_path), 50)
    assert counters.get("client") == 201
    assert counters.incr("client") == 202
