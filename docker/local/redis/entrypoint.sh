#!/bin/bash
# As the public redis image: the server runs as the redis user in /data, with protected mode off
# (the public image builds it so) because its clients are other containers, not this loopback.
set -euo pipefail

if [ "${1:-}" = redis-server ]; then
  if [ "$(id -u)" = 0 ]; then
    chown -R redis:redis /data
    exec setpriv --reuid=redis --regid=redis --init-groups "$0" "$@"
  fi
  case " $* " in
    *" --protected-mode "*) ;;
    *) set -- "$@" --protected-mode no ;;
  esac
fi

exec "$@"
