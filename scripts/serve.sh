#!/usr/bin/env bash
# Start the web server and the background worker together; Ctrl-C stops both.
set -euo pipefail
BIN=${BIN:-.venv/bin}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

"$BIN/python" manage.py db_worker --queue-name default &
worker=$!
"$BIN/gunicorn" binaasn.wsgi:application --bind "$HOST:$PORT" --workers 2 --threads 4 \
  --access-logfile - &
web=$!

stop() { kill "$web" "$worker" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop INT TERM EXIT

"$BIN/python" manage.py demo_logins || true
echo
echo "BinaASN berjalan di http://$HOST:$PORT  (Ctrl-C untuk berhenti)"
wait -n "$web" "$worker"
