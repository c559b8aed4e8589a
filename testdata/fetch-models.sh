#!/usr/bin/env bash
# Fetches the Silero VAD models v4 ("legacy"), v5 and v6 as shipped in the npm package
# @ricky0123/vad-web 0.0.31 (dist/silero_vad_{legacy,v5,v6}.onnx; the package is ISC-licensed,
# the Silero VAD models in it MIT) into testdata/models/pretrained/ (git-ignored; never commit
# them). Each file is checked against its SHA-256 below. Does nothing when all three are already
# there and verified.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dest="$here/models/pretrained"
package="@ricky0123/vad-web@0.0.31"
files=(silero_vad_legacy.onnx silero_vad_v5.onnx silero_vad_v6.onnx)
declare -A sha256=(
  [silero_vad_legacy.onnx]=a35ebf52fd3ce5f1469b2a36158dba761bc47b973ea3382b3186ca15b1f5af28
  [silero_vad_v5.onnx]=2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f
  [silero_vad_v6.onnx]=1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3
)

matches() { # FILE NAME: does FILE have NAME's checksum?
  [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "${sha256[$2]}" ]
}

missing=()
for f in "${files[@]}"; do
  matches "$dest/$f" "$f" || missing+=("$f")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "fetch-models: ${files[*]} already in $dest, checksums verified"
  exit 0
fi

command -v npm >/dev/null || { echo "fetch-models: npm not found; it is needed to fetch $package" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "fetch-models: fetching $package for ${missing[*]}"
if ! (cd "$work" && npm pack --loglevel=error "$package" >/dev/null); then
  echo "fetch-models: npm pack $package failed" >&2
  exit 1
fi
tar -xzf "$work"/*.tgz -C "$work"
mkdir -p "$dest"
for f in "${missing[@]}"; do
  src="$work/package/dist/$f"
  if ! matches "$src" "$f"; then
    echo "fetch-models: $f from $package is missing or its SHA-256 is not ${sha256[$f]}; nothing installed for it" >&2
    exit 1
  fi
  mv "$src" "$dest/$f"
done
echo "fetch-models: ${missing[*]} placed in $dest, checksums verified"
