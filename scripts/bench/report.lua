-- Appended to every scenario script: after the run, one machine-readable line with the numbers
-- scripts/bench.sh tabulates (latencies in microseconds; non2xx counts HTTP statuses >= 400).
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
