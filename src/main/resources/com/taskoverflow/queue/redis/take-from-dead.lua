-- Takes over the jobs of workers that died: every consumer of the group, other than the caller,
-- that holds entries and whose heartbeat (on the Redis clock) is older than the silence allowed,
-- or missing, loses its entries idle that long to the caller. A live worker heartbeats and renews
-- well within the silence, so its entries are never taken; and the check and the claim are one
-- atomic step. An entry deleted while pending is acknowledged: there is nothing left to run.
-- KEYS[1] stream, KEYS[2] workers by last heartbeat; ARGV[1] group, ARGV[2] caller, ARGV[3] silence ms,
-- ARGV[4] most entries to take. Returns the entries taken, as XCLAIM gives them.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local silence = tonumber(ARGV[3])
local room = tonumber(ARGV[4])
local consumers = redis.pcall('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])
if type(consumers) ~= 'table' or consumers.err then
  return {} -- no stream or no group yet
end
local taken = {}
for _, fields in ipairs(consumers) do
  if room <= 0 then
    break
  end
  local consumer = {}
  for i = 1, #fields, 2 do
    consumer[fields[i]] = fields[i + 1]
  end
  if consumer['name'] ~= ARGV[2] and consumer['pending'] > 0 then
    local beat = redis.call('ZSCORE', KEYS[2], consumer['name'])
    if not beat or tonumber(beat) < now - silence then
      local pending = redis.call('XPENDING', KEYS[1], ARGV[1], 'IDLE', silence, '-', '+', room, consumer['name'])
      for _, entry in ipairs(pending) do
        local claimed = redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], silence, entry[1])
        if claimed[1] then
          table.insert(taken, claimed[1])
          room = room - 1
        else
          redis.call('XACK', KEYS[1], ARGV[1], entry[1])
        end
      end
    end
  end
end
return taken
