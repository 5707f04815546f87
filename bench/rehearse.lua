-- wrk script of the rehearsal (bench/rehearse.py): cycles over REHEARSE_PATHS (space-separated),
-- sends REHEARSE_COOKIE when set, counts the answers by status class and prints, at the end,
-- one line "RESULT {json}" with the totals, the socket errors and the p99 in milliseconds.
-- A path ending in "=" (a query) gets a counter appended (a page-cache miss on every request).

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for path in string.gmatch(os.getenv("REHEARSE_PATHS") or "/", "%S+") do
    table.insert(paths, path)
  end
  cookie = os.getenv("REHEARSE_COOKIE") or ""
  index = 0
  counter = 0
  ok, s4, s5 = 0, 0, 0
end

function request()
  index = index % #paths + 1
  local path = paths[index]
  if string.sub(path, -1) == "=" then
    counter = counter + 1
    path = path .. tostring(counter % 5000)
  end
  local headers = {}
  if cookie ~= "" then headers["Cookie"] = cookie end
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1
  elseif status >= 400 then s4 = s4 + 1
  else ok = ok + 1 end
end

function done(summary, latency, requests)
  local tok, t4, t5 = 0, 0, 0
  for _, thread in ipairs(threads) do
    tok = tok + thread:get("ok")
    t4 = t4 + thread:get("s4")
    t5 = t5 + thread:get("s5")
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "ok": %d, "s4": %d, "s5": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "timeout": %d, "p99": %.1f}\n',
    summary.requests, tok, t4, t5, e.connect, e.read, e.write, e.timeout,
    latency:percentile(99) / 1000.0))
end
