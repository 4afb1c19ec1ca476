-- Removes the consumers of workers that stopped sending heartbeats (killed without a goodbye)
-- once they hold no entries (the visibility timeout lets others claim them). The check and the
-- removal are one atomic step, so a consumer that has just been handed an entry is never removed.
-- KEYS[1] stream, KEYS[2] workers by last heartbeat, ARGV[1] group, ARGV[2] silence in ms
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. (nowMs - tonumber(ARGV[2])))
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local consumers = redis.pcall('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])
if consumers.err then
  return 0 -- no group yet
end
local removed = 0
for _, fields in ipairs(consumers) do
  local consumer = {}
  for i = 1, #fields, 2 do
    consumer[fields[i]] = fields[i + 1]
  end
  if consumer['pending'] == 0 and not redis.call('ZSCORE', KEYS[2], consumer['name']) then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], consumer['name'])
    removed = removed + 1
  end
end
return removed
