-- Hands back every entry a consumer still holds, then removes the consumer from the group,
-- in one atomic step: each entry is re-added at the end of the stream (a fresh delivery for any
-- worker) and the old one acknowledged and deleted, so nothing is lost or left twice.
-- KEYS[1] stream, ARGV[1] group, ARGV[2] consumer, ARGV[3] most entries to move
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', tonumber(ARGV[3]), ARGV[2])
local moved = 0
for _, entry in ipairs(pending) do
  local id = entry[1]
  local found = redis.call('XRANGE', KEYS[1], id, id)
  redis.call('XACK', KEYS[1], ARGV[1], id)
  if #found > 0 then
    redis.call('XADD', KEYS[1], '*', unpack(found[1][2]))
    redis.call('XDEL', KEYS[1], id)
    moved = moved + 1
  end
end
if #pending < tonumber(ARGV[3]) then
  redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
end
return moved
