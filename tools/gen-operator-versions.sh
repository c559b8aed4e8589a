#!/usr/bin/env bash
# Regenerates converter/src/main/resources/dev/rnnx/converter/onnx/operator-versions.tsv from ONNX's
# Changelog.md: one line per (domain, op) with every opset version that (re)defines it.
set -euo pipefail
changelog=${1:-../shared/onnx-spec/Changelog.md}
out=converter/src/main/resources/dev/rnnx/converter/onnx/operator-versions.tsv
awk '
  /^# ai\.onnx \(default\)/ { domain = "ai.onnx"; next }
  /^# ai\.onnx\.preview\.training/ { domain = "ai.onnx.preview.training"; next }
  /^# ai\.onnx\.preview/ { domain = "ai.onnx.preview"; next }
  /^### <a name="/ {
    name = $0; sub(/^### <a name="/, "", name); sub(/".*/, "", name)
    op = name; sub(/-[0-9]+$/, "", op); if (index(op, domain ".") == 1) op = substr(op, length(domain) + 2)
    v = name; sub(/^.*-/, "", v)
    key = domain "\t" op
    if (key in versions) versions[key] = versions[key] "," v; else versions[key] = v
  }
  END { for (k in versions) print k "\t" versions[k] }
' "$changelog" | sort > "$out"
echo "wrote $(wc -l < "$out") operators to $out"
