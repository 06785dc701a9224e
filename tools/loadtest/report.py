"""The load test's figures: built from locust's statistics at the end of a run, and printed as a table."""

from __future__ import annotations

from datetime import datetime, timezone

PERCENTILES = {"p50": 0.50, "p95": 0.95, "p99": 0.99}


def _latency(entry) -> dict[str, float]:
    # locust keeps response times in buckets: whole milliseconds below 100 ms, two significant digits above.
    figures = {name: entry.get_response_time_percentile(share) for name, share in PERCENTILES.items()}
    return {**figures, "mean": round(entry.avg_response_time, 1), "max": round(entry.max_response_time)}


def build_summary(stats, errors, examples, *, users: int) -> dict:
    """Everything `make loadtest` reports, from a locust `RequestStats` and the failures counted by endpoint and
    status code."""
    total = stats.total
    elapsed = (total.last_request_timestamp or 0) - (total.start_time or 0)
    endpoints = [
        {
            "endpoint": f"{entry.method} {entry.name}",
            "requests": entry.num_requests,
            "errors": entry.num_failures,
            "requests_per_second": round(entry.num_requests / elapsed, 1) if elapsed > 0 else 0.0,
            "latency_ms": _latency(entry),
        }
        for entry in sorted(stats.entries.values(), key=lambda e: -e.num_requests)
    ]
    failures = [
        {"endpoint": endpoint, "status": status, "count": count, "example": examples.get((endpoint, status), "")}
        for (endpoint, status), count in sorted(errors.items(), key=lambda item: -item[1])
    ]
    return {
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "users": users,
        "elapsed_seconds": round(elapsed, 1),
        "requests": total.num_requests,
        "requests_per_second": round(total.num_requests / elapsed, 1) if elapsed > 0 else 0.0,
        "errors": total.num_failures,
        "latency_ms": _latency(total),
        "endpoints": endpoints,
        "errors_by_endpoint_and_status": failures,
    }


def format_report(summary: dict) -> str:
    """A plain-text table of the summary: overall figures, each endpoint, then every kind of error."""
    overall = summary["latency_ms"]
    lines = [
        f"{summary['requests']} requests in {summary['elapsed_seconds']:g} s from {summary['users']} users: "
        f"{summary['requests_per_second']:g} per second, {summary['errors']} errors",
        f"latency: p50 {overall['p50']} ms, p95 {overall['p95']} ms, p99 {overall['p99']} ms, max {overall['max']} ms",
        "",
        f"{'endpoint':<54} {'requests':>8} {'errors':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>6}  (ms)",
    ]
    for row in summary["endpoints"]:
        latency = row["latency_ms"]
        lines.append(
            f"{row['endpoint']:<54} {row['requests']:>8} {row['errors']:>6} {latency['p50']:>6} "
            f"{latency['p95']:>6} {latency['p99']:>6} {latency['max']:>6}"
        )
    if summary["errors_by_endpoint_and_status"]:
        lines += ["", "errors (status 0: no answer):"]
        for failure in summary["errors_by_endpoint_and_status"]:
            lines.append(
                f"  {failure['count']:>6} x {failure['endpoint']} -> {failure['status']}: {failure['example']}"
            )
    return "\n".join(lines)
