-- wrk script for scripts/bench.sh: one measurement, printed as one JSON line.
--   BENCH_METHOD=POST makes a registration POST with a new e-mail each time,
--   reusing one real CSRF token and its cookie (BENCH_CSRF_TOKEN, BENCH_CSRF_COOKIE).
--   Every status is counted per thread, so a run of 403s or re-rendered forms
--   cannot pass for a fast page.

local method = os.getenv("BENCH_METHOD") or "GET"
local run_id = os.getenv("BENCH_RUN_ID") or tostring(os.time())
local token = os.getenv("BENCH_CSRF_TOKEN") or ""
local cookie = os.getenv("BENCH_CSRF_COOKIE") or ""
local state_pk = os.getenv("BENCH_STATE_PK") or "1"
local label = os.getenv("BENCH_LABEL") or wrk.path

local threads = {}
local thread_counter = 0

function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("thread_id", thread_counter)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  statuses = {}
  if method == "POST" then
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
    wrk.headers["Cookie"] = "csrftoken=" .. cookie
  end
end

function request()
  if method ~= "POST" then
    return wrk.format(nil, nil)
  end
  counter = counter + 1
  local email = string.format("bench-%s-%d-%d%%40example.org", run_id, thread_id, counter)
  local body = "csrfmiddlewaretoken=" .. token
    .. "&kind=state&state=" .. state_pk .. "&organisation="
    .. "&title=Dr&given_name=Bench&family_name=Load&badge_name=&function=Counsellor"
    .. "&role=delegate&email=" .. email
    .. "&gender=undisclosed&age_band=undisclosed&public_list_consent=on"
  return wrk.format("POST", nil, nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do
      counts[code] = (counts[code] or 0) + n
    end
  end
  local parts = {}
  for code, n in pairs(counts) do
    table.insert(parts, string.format('"%d": %d', code, n))
  end
  local seconds = summary.duration / 1e6
  local socket_errors = summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'BENCH_RESULT {"label": "%s", "requests": %d, "seconds": %.3f, "rps": %.1f, '
      .. '"p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "socket_errors": %d, '
      .. '"statuses": {%s}}\n',
    label, summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, socket_errors, table.concat(parts, ", ")))
end
