#!/usr/bin/env bash
# The side-by-side run of docs/performance.md: ours with every kernel path, PyTorch with one and
# two threads (W1–W6), TensorFlow.js on its cpu and wasm backends (W1–W4), one after the other.
# Run it on a quiet machine (nothing else running); about five minutes on the 2-core box.
#   bench/side-by-side.sh [OUT_DIR]
# Needs Debian's python3-torch (/usr/bin/python3) and the peers at ../shared/bench (PEERS=...);
# TensorFlow.js needs `npm ci` in a writable copy of that folder (TFJS_PEERS=..., skipped if absent).
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
peers=${PEERS:-$root/../shared/bench}
tfjs=${TFJS_PEERS:-$peers}
out=${1:-bench-results/side-by-side-$(date -u +%Y%m%d-%H%M)}
mkdir -p "$out"
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) commit $(git rev-parse --short HEAD)" > "$out/meta"
ours() { npm run --silent bench -- --workloads W1,W2,W3,W4,W5,W6 --json "$@"; }
ours --reps 5 --threads 1 > "$out/ours-1t.txt" 2>&1
ours --reps 5 --threads 2 > "$out/ours-2t.txt" 2>&1
torch() {
  local threads=$1 extra=()
  [ "$threads" -gt 1 ] && extra=(OMP_WAIT_POLICY=PASSIVE)
  env OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads" "${extra[@]}" \
    /usr/bin/python3 "$peers/py/torch_peer.py" --threads "$threads" --reps 5
  env OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads" "${extra[@]}" \
    /usr/bin/python3 bench/peers/torch_w5w6.py --threads "$threads" --reps 5
}
torch 1 > "$out/torch-1t.txt" 2>&1
torch 2 > "$out/torch-2t.txt" 2>&1
ours --reps 5 --threads 1 --kernels wasm > "$out/ours-wasm-1t.txt" 2>&1
ours --reps 3 --threads 1 --kernels js > "$out/ours-js-1t.txt" 2>&1
if [ -d "$tfjs/node_modules/@tensorflow/tfjs" ]; then
  (cd "$tfjs" && node js/tfjs_peer.js --backend wasm --simd 1 --api minimize --reps 3 --scale W3=0.5) > "$out/tfjs-wasm.txt" 2>&1
  (cd "$tfjs" && node js/tfjs_peer.js --backend cpu --api minimize --reps 3 --scale W2=0.4,W3=0.2,W4=0.5) > "$out/tfjs-cpu.txt" 2>&1
else
  echo "TensorFlow.js skipped: no node_modules in $tfjs (npm ci in a writable copy of $peers, then TFJS_PEERS=that copy)" | tee "$out/tfjs-skipped.txt"
fi
echo "end $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/meta"
echo "$out"
