-- Acknowledges and deletes the entries that are still the caller's: for jobs the worker found
-- finished or taken over by a later attempt. An entry another worker has taken over since is
-- left to that worker, whose attempt may still be running.
-- KEYS[1] stream; ARGV[1] the caller's consumer name, ARGV[2] group, ARGV[3..] entry ids.
-- Returns how many went.
local gone = 0
for i = 3, #ARGV do
  if #redis.call('XPENDING', KEYS[1], ARGV[2], ARGV[i], ARGV[i], 1, ARGV[1]) > 0 then
    redis.call('XACK', KEYS[1], ARGV[2], ARGV[i])
    redis.call('XDEL', KEYS[1], ARGV[i])
    gone = gone + 1
  end
end
return gone
