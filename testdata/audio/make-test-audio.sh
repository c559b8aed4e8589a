#!/usr/bin/env bash
# Regenerates speech-test.wav and speech-test.times.txt: sentences synthesized with espeak-ng,
# placed between stretches of digital silence and of noise, as 16 kHz mono 16-bit PCM.
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox). The committed files were
# made by this script; run it again only to change the audio, then commit both files.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for tool in espeak-ng sox soxi; do
  command -v "$tool" >/dev/null || { echo "make-test-audio: $tool not found (apt-get install espeak-ng sox)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rate=16000
fmt=(-r "$rate" -c 1 -b 16 -e signed-integer)

# Each gap before a sentence: "KIND SECONDS" with KIND silence, white, pink or brown noise.
gaps=("silence 2.0" "white 3.0" "silence 3.5" "pink 3.5" "silence 3.0" "brown 3.5" "white 3.0"
  "silence 3.0")
sentences=(
  "The quick brown fox jumps over the lazy dog near the river bank."
  "Voice activity detection finds the parts of a recording that contain speech."
  "Please call Stella and ask her to bring these things with her from the store."
  "Six spoons of fresh snow peas, five thick slabs of blue cheese, and maybe a snack."
  "Recurrent networks carry a hidden state from one frame of audio to the next."
  "We also need a small plastic snake and a big toy frog for the kids."
  "She can scoop these things into three red bags, and we will go meet her on Wednesday."
  "The station was silent again after the last train had left for the city."
)
tail_gap="pink 2.5"

piece() { # KIND SECONDS OUT: one stretch of silence or noise (sox -R: repeatable noise)
  if [ "$1" = silence ]; then
    sox -R -n "${fmt[@]}" "$3" trim 0 "$2"
  else
    sox -R -n "${fmt[@]}" "$3" synth "$2" "${1}noise" vol 0.08
  fi
}

parts=()
times="$work/times.txt"
: >"$times"
t=0
for i in "${!sentences[@]}"; do
  read -r kind secs <<<"${gaps[$i]}"
  piece "$kind" "$secs" "$work/gap$i.wav"
  parts+=("$work/gap$i.wav")
  t=$(awk -v a="$t" -v b="$secs" 'BEGIN { printf "%.6f", a + b }')
  espeak-ng -v en-us -s 150 -w "$work/raw$i.wav" "${sentences[$i]}"
  # 16 kHz, leading and trailing silence trimmed so the listed times are where speech is
  sox "$work/raw$i.wav" "${fmt[@]}" "$work/speech$i.wav" silence 1 0.01 0.5% reverse \
    silence 1 0.01 0.5% reverse
  parts+=("$work/speech$i.wav")
  d=$(soxi -D "$work/speech$i.wav")
  end=$(awk -v a="$t" -v b="$d" 'BEGIN { printf "%.6f", a + b }')
  printf '%.3f %.3f\n' "$t" "$end" >>"$times"
  t=$end
done
read -r kind secs <<<"$tail_gap"
piece "$kind" "$secs" "$work/tail.wav"
parts+=("$work/tail.wav")
sox "${parts[@]}" "${fmt[@]}" "$here/speech-test.wav"
{
  echo "# Where make-test-audio.sh placed speech in speech-test.wav: start and end in seconds,"
  echo "# one sentence a line. Everything else is digital silence or white, pink or brown noise."
  cat "$times"
} >"$here/speech-test.times.txt"
echo "wrote $here/speech-test.wav ($(soxi -D "$here/speech-test.wav") s) and speech-test.times.txt"
