-- wrk script for tools/bench/run.py: asks for gzip as a browser does, optionally POSTs a JSON body, and prints one
-- machine-readable line at the end so run.py never has to parse wrk's human-readable report.
--
-- There is deliberately no response() callback: defining one makes wrk hand every body to Lua, which costs
-- client CPU on the same two cores the server uses. run.py checks each URL answers 200 before loading it, and
-- wrk still counts any status of 400 or more as an error.

wrk.headers["Accept-Encoding"] = "gzip"

local body = os.getenv("BENCH_JSON_BODY")
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.1f}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean
  ))
end
