#!/usr/bin/env bash
# The real window beside the bare baseline (examples/bare), in one sitting, under Xvfb:
#   - window visible: from launch until the window is mapped (eframe shows it after its
#     first frame is painted), polled with xdotool; and the first frame's own trace;
#   - peak RSS (VmHWM) 3 s after the window shows, once the background work has settled;
#   - rest: the cursor put in the body and one key typed, then the frames painted and the
#     CPU used between 10 s and 20 s after that last input.
# Runs interleave Copydesk and bare, RUNS times each, for the sample story and a 5 MB story.
#
#   apt-get install -y xvfb xdotool libgl1-mesa-dri libegl1 libvulkan1 mesa-vulkan-drivers
#   bash benches/window.sh            # RUNS=7 by default; about 4 minutes after the build
#
# Prints a table of medians (and the range) with the ratio to bare. The README's
# performance section quotes its output.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
DISPLAY_NUM=${DISPLAY_NUM:-:93}

for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || { echo "window.sh needs $tool (see the top of this file)" >&2; exit 1; }
done

cargo build --release --bin copydesk --example bare --example story_of_size >&2
COPYDESK=target/release/copydesk
BARE=target/release/examples/bare

work=$(mktemp -d)
Xvfb "$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
export DISPLAY=$DISPLAY_NUM
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done

cp assets/samples/corbyn-unity-appeal.json "$work/sample.json"
target/release/examples/story_of_size 5000000 "$work/5mb.json" >&2

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# A fresh home for each run: no remembered window size, no recovery journal, no settings.
fresh_env() {
  local home
  home=$(mktemp -d -p "$work")
  echo "HOME=$home XDG_DATA_HOME=$home/share XDG_CONFIG_HOME=$home/config XDG_RUNTIME_DIR=$home COPYDESK_DATA_DIR=$home/data"
}

# start BIN FILE: prints "visible_ms first_frame_ms rss_kb" for one run.
start() {
  local bin=$1 file=$2 env pid t0 t1 win="" err
  env=$(fresh_env)
  err=$(mktemp -p "$work")
  t0=$(now_ms)
  env $env COPYDESK_TRACE_STARTUP=1 "$bin" "$file" 2>"$err" &
  pid=$!
  for _ in $(seq 2000); do
    win=$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | head -1) && [ -n "$win" ] && break
    sleep 0.005
  done
  t1=$(now_ms)
  if [ -z "$win" ] || [ ! -e "/proc/$pid/status" ]; then
    echo "window.sh: $bin showed no window; its last words:" >&2
    tail -20 "$err" >&2
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
    echo "nan nan nan"
    return
  fi
  sleep 3
  local rss
  rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  local first
  first=$(grep -o 'laid out [0-9.]*' "$err" | awk '{print $3}')
  echo "$((t1 - t0)) ${first:-nan} $rss"
}

# rest BIN FILE: prints "frames cpu_seconds" painted/used 10-20 s after the last input,
# with the cursor in the body.
rest() {
  local bin=$1 file=$2 env pid win="" err
  env=$(fresh_env)
  err=$(mktemp -p "$work")
  env $env COPYDESK_TRACE_FRAMES=1 "$bin" "$file" 2>"$err" &
  pid=$!
  for _ in $(seq 2000); do
    win=$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | head -1) && [ -n "$win" ] && break
    sleep 0.005
  done
  sleep 2
  xdotool windowfocus --sync "$win"
  # the middle of the window is the story body in Copydesk, the text field in bare
  xdotool mousemove 640 400 click 1
  sleep 0.5
  xdotool type --delay 50 "x"
  local last=$(($(now_ms)))
  sleep 10
  local f0 c0 f1 c1
  f0=$(grep -c '^copydesk: frame' "$err" || true)
  c0=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
  sleep 10
  f1=$(grep -c '^copydesk: frame' "$err" || true)
  if [ ! -e "/proc/$pid/stat" ]; then
    # a measurement of a program that is gone would read as a perfect rest
    echo "window.sh: $bin exited during the rest measurement; its last words:" >&2
    grep -v '^copydesk: frame' "$err" | tail -20 >&2
    echo "exited exited"
    return
  fi
  c1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  : "$last"
  echo "$((f1 - f0)) $(awk -v a="$c0" -v b="$c1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b - a) / hz }')"
}

declare -A results
for story in sample 5mb; do
  for run in $(seq "$RUNS"); do
    for app in bare copydesk; do
      bin=$BARE; [ "$app" = copydesk ] && bin=$COPYDESK
      results[$story,$app]+="$(start "$bin" "$work/$story.json")"$'\n'
    done
    echo "  $story run $run of $RUNS" >&2
  done
  for app in bare copydesk; do
    bin=$BARE; [ "$app" = copydesk ] && bin=$COPYDESK
    results[$story,$app,rest]=$(rest "$bin" "$work/$story.json")
  done
done

# column N of a run list: "median (min–max)"
stat() {
  sort -n | awk '{ v[NR] = $1 } END { printf "%s (%s–%s)", v[int((NR + 1) / 2)], v[1], v[NR] }'
}
med() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# (a run that showed no window counts as "nan" and is left out of the figures, and said)

printf '\n%-8s %-30s %-22s %-22s %s\n' story measure bare copydesk ratio
for story in sample 5mb; do
  for col in 1:"window visible, ms" 2:"first frame laid out, ms" 3:"peak RSS, kB"; do
    n=${col%%:*}; name=${col#*:}
    b=$(printf '%s' "${results[$story,bare]}" | awk -v n="$n" 'NF && $n != "nan" {print $n}')
    c=$(printf '%s' "${results[$story,copydesk]}" | awk -v n="$n" 'NF && $n != "nan" {print $n}')
    ratio=$(awk -v b="$(echo "$b" | med)" -v c="$(echo "$c" | med)" 'BEGIN { if (b > 0) printf "%.2f×", c / b }')
    printf '%-8s %-30s %-22s %-22s %s\n' "$story" "$name" "$(echo "$b" | stat)" "$(echo "$c" | stat)" "$ratio"
  done
  read -r bf bc <<<"${results[$story,bare,rest]}"
  read -r cf cc <<<"${results[$story,copydesk,rest]}"
  printf '%-8s %-30s %-22s %-22s\n' "$story" "frames painted 10–20 s at rest" "$bf" "$cf"
  printf '%-8s %-30s %-22s %-22s\n' "$story" "CPU-s used 10–20 s at rest" "$bc" "$cc"
done
echo "($RUNS runs each, interleaved; $(nproc) cores; $(date -u +%Y-%m-%d))"
