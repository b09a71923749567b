-- Replays the requests in $BENCH_REQUESTS, one per line:
--   METHOD <tab> PATH <tab> BODY <tab> Header: value <tab> Header: value ...
-- Thread t of n sends lines t+1, t+1+n, t+1+2n ..., so no two threads send the same line: a
-- pool of one-use requests (attempt submits, webhook events) is never sent twice until every
-- line has been used. run.py compares the request count with the pool size to tell.
--
-- Every response is checked: its status must be $BENCH_EXPECT_STATUS and, when that is a
-- redirect and $BENCH_EXPECT_LOCATION is set, its Location must match it ("prefix*suffix", the
-- star standing for one path segment). A lost session answers 302 to the login page, which
-- wrk alone counts as a success. done() prints the counts for run.py (loadgen.parse_wrk).

local threads_total = tonumber(os.getenv("BENCH_THREADS") or "1")
local expect_status = tonumber(os.getenv("BENCH_EXPECT_STATUS") or "200")
local expect_location = os.getenv("BENCH_EXPECT_LOCATION") or ""
local next_id = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
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
  responses = 0
  unexpected = 0
  sample = ""
end

function request()
  local r = requests[(position % #requests) + 1]
  position = position + threads_total
  return r
end

local function location_ok(location)
  if expect_location == "" then return true end
  if not location then return false end
  location = (location:gsub("^https?://[^/]+", ""))
  local star = expect_location:find("*", 1, true)
  if not star then return location == expect_location end
  local prefix, suffix = expect_location:sub(1, star - 1), expect_location:sub(star + 1)
  if #location <= #prefix + #suffix then return false end
  if location:sub(1, #prefix) ~= prefix then return false end
  if location:sub(#location - #suffix + 1) ~= suffix then return false end
  return not location:sub(#prefix + 1, #location - #suffix):find("/", 1, true)
end

function response(status, headers, body)
  responses = responses + 1
  local location = headers["Location"] or headers["location"]
  local ok = status == expect_status
  if ok and status >= 300 and status < 400 then ok = location_ok(location) end
  if not ok then
    unexpected = unexpected + 1
    if sample == "" then sample = status .. " " .. (location or "-") end
  end
end

function done(summary, latency, requests)
  local total_responses, total_unexpected = 0, 0
  for _, thread in ipairs(threads) do
    total_responses = total_responses + thread:get("responses")
    total_unexpected = total_unexpected + thread:get("unexpected")
    local seen = thread:get("sample")
    if seen ~= "" then io.write("bench-unexpected-sample ", seen, "\n") end
  end
  io.write("bench-responses ", total_responses, "\n")
  io.write("bench-unexpected ", total_unexpected, "\n")
end
