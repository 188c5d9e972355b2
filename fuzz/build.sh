#!/usr/bin/env bash
# Builds the libFuzzer binary for MCPCore's decoders (fuzz/FuzzTargets.swift): the library's
# sources and the targets compiled as one module with -sanitize=fuzzer,address, optimized.
# Output: .build/fuzz/aios-fuzz. Rebuilt only when a source is newer than the binary.
# AIOS_FUZZ_OPTIMIZE=1 builds with -O (for long runs: several times the executions per second,
# at several times the compile time); the default -Onone keeps the test suite's build short.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/fuzz/aios-fuzz
mkdir -p .build/fuzz
mapfile -t sources < <(find Sources/MCPCore -name '*.swift' | sort)
sources+=(fuzz/FuzzTargets.swift)
if [ -x "$out" ] && [ -z "$(find "${sources[@]}" -newer "$out" -print -quit)" ]; then
  exit 0
fi
echo "fuzz/build.sh: building $out" >&2
# The gold linker warns once per ASan helper symbol it cannot export; those lines are noise.
optimize=-Onone
[ "${AIOS_FUZZ_OPTIMIZE:-0}" = 1 ] && optimize=-O
swiftc "$optimize" -sanitize=fuzzer,address -parse-as-library -swift-version 6 -module-name MCPCore \
  -lm "${sources[@]}" -o "$out.tmp" 2> >(grep -v "Cannot export local symbol '__asan" >&2)
mv "$out.tmp" "$out"
