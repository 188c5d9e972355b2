#!/usr/bin/env bash
# Builds the libFuzzer binary for MCPCore's decoders (fuzz/FuzzTargets.swift): the library's
# sources (every layer target) and the targets compiled as one module with -sanitize=fuzzer,address, optimized.
# Output: .build/fuzz/aios-fuzz. Rebuilt only when a source is newer than the binary.
# AIOS_FUZZ_OPTIMIZE=1 builds with -O (for long runs: several times the executions per second,
# at several times the compile time); the default -Onone keeps the test suite's build short.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/fuzz/aios-fuzz
mkdir -p .build/fuzz
# The library's layer targets (docs/architecture.md) compiled as one module: their imports of one
# another resolve to empty stand-in modules, except AIOSSystem's, which re-exports the C library
# (Platform.swift) so that `AIOSSystem.close` and the like still resolve.
layers=(AIOSSystem AIOSJSON AIOSCrypto AIOSLogging JSONRPC MCPServerKit AIOSPostgres AIOSDomain AIOSAgents AIOSStore MCPCore)
sources=()
for layer in "${layers[@]}"; do
  mapfile -t -O "${#sources[@]}" sources < <(find "Sources/$layer" -name '*.swift' -not -path Sources/AIOSSystem/Platform.swift | sort)
done
sources+=(fuzz/FuzzTargets.swift)
if [ -x "$out" ] && [ -z "$(find "${sources[@]}" -newer "$out" -print -quit)" ]; then
  exit 0
fi
echo "fuzz/build.sh: building $out" >&2
# The gold linker warns once per ASan helper symbol it cannot export; those lines are noise.
optimize=-Onone
[ "${AIOS_FUZZ_OPTIMIZE:-0}" = 1 ] && optimize=-O
stand_ins=.build/fuzz/modules
rm -rf "$stand_ins" && mkdir -p "$stand_ins"
swiftc -parse-as-library -swift-version 6 -emit-module -module-name AIOSSystem -package-name aios \
  Sources/AIOSSystem/Platform.swift -emit-module-path "$stand_ins/AIOSSystem.swiftmodule"
for layer in "${layers[@]:1:${#layers[@]}-2}"; do
  printf '' > "$stand_ins/$layer.swift"
  swiftc -parse-as-library -swift-version 6 -emit-module -module-name "$layer" -package-name aios \
    "$stand_ins/$layer.swift" -emit-module-path "$stand_ins/$layer.swiftmodule"
done
swiftc "$optimize" -sanitize=fuzzer,address -parse-as-library -swift-version 6 -module-name MCPCore -package-name aios \
  -I "$stand_ins" -lm "${sources[@]}" -o "$out.tmp" 2> >(grep -v "Cannot export local symbol '__asan" >&2)
mv "$out.tmp" "$out"
