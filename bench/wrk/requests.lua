-- Replays the requests in $BENCH_REQUESTS, one per line:
--   METHOD <tab> PATH <tab> BODY <tab> Header: value <tab> Header: value ...
-- Thread t of n sends lines t+1, t+1+n, t+1+2n ..., so no two threads send the same line: a
-- pool of one-use requests (attempt submits, webhook events) is never sent twice until every
-- line has been used. run.py compares the request count with the pool size to tell.

local threads_total = tonumber(os.getenv("BENCH_THREADS") or "1")
local next_id = 0

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    table.insert(fields, field)
  end
  return fields
end

function init(args)
  requests = {}
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    local fields = split(line)
    local headers = {}
    for i = 4, #fields do
      local name, value = fields[i]:match("^([^:]+):%s?(.*)$")
      if name then headers[name] = value end
    end
    local body = fields[3]
    if body == "" then body = nil end
    table.insert(requests, wrk.format(fields[1], fields[2], headers, body))
  end
  position = thread_id
end

function request()
  local r = requests[(position % #requests) + 1]
  position = position + threads_total
  return r
end
