# Sourced by the scripts that run a server of their own. Gives a scratch directory ($dir),
# removed on exit after the server ($server_pid, when set) and any background job are stopped,
# and free_port, a free loopback port.
dir=$(mktemp -d)
server_pid=""
cleanup() {
  jobs -p | xargs -r kill 2>/dev/null || true
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
