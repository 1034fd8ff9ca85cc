#!/usr/bin/env bash
# The long version of tests/kill.rs: thousands of kill -9s during saves, with a random
# seed (printed, so a failure can be replayed with JIANBAO_KILL_SEED=<seed>).
#   bash tests/soak.sh [RUNS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5000}"
seed="${2:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
echo "soak: $runs kills, seed $seed"
JIANBAO_KILL_RUNS="$runs" JIANBAO_KILL_SEED="$seed" \
  cargo test --release --test kill -- --nocapture
