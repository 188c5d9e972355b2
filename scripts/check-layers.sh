#!/usr/bin/env bash
# Checks the walls between the layers (docs/architecture.md, "Layers") and the portability
# rule (STYLE.md, "Portability"). Run by scripts/test.sh; each check also proves that it can fail.
#
# 1. Platform imports: only Sources/AIOSSystem names the C library (Glibc, Musl, Darwin), and
#    there and in Tests every such import sits inside `#if canImport(...)`; and no source file
#    outside Sources/AIOSSystem calls a Linux-only function (they go through SystemCalls).
#    And outside the file store's own target (Sources/AIOSStore) no source names the concrete
#    store types, and no source uses @testable import (which would open a target's internals).
# 2. Upward imports: a probe file that imports a higher layer is added to a copy of the package
#    and the lower target is built on its own (with SwiftPM's explicit dependency import check);
#    the build must fail because of exactly that import, while the same probe importing a lower
#    layer must build. The probes run lowest first, so no higher module has been built in the
#    copy when a lower target is probed: the failure is the dependency graph's, not an accident
#    of build order.
#    And the store keeps phases as data: no source of Sources/AIOSStore or Sources/AIOSDomain
#    names the pipeline's phases or their tools (the compiler refuses `.strategy` there, since
#    AIOSAgents defines it; this catches a name spelled as a string).
# 3. The store and engine walls: a probe file in MCPCore that names the file store's concrete
#    types (JobStore, KeyStore, RateLimiter, FileStoreBackend) beside their seams, and the builtin
#    engine's (BuiltinEngine, made by AgentEngines.builtin()), must fail to build on exactly those
#    names: they are internal to AIOSStore and AIOSAgents, so the compiler keeps them there.
set -euo pipefail
cd "$(dirname "$0")/.."
failures=0
fail() { echo "check-layers: $*" >&2; failures=$((failures + 1)); }

# -- 1. platform imports -------------------------------------------------------------------
# Prints file:line of every `import Glibc|Musl|Darwin` not inside an `#if canImport(...)` block.
unconditional_platform_imports() {
  awk '
    FNR == 1 { depth = 0; guarded = 0 }
    /^[[:space:]]*#if[[:space:]]+canImport\(/ { depth++; guarded++; stack[depth] = 1; next }
    /^[[:space:]]*#if/ { depth++; stack[depth] = 0; next }
    /^[[:space:]]*#endif/ { if (stack[depth]) guarded--; depth--; next }
    /^[[:space:]]*(@_exported[[:space:]]+)?import[[:space:]]+(Glibc|Musl|Darwin)[[:space:]]*$/ {
      if (guarded == 0) print FILENAME ":" FNR ": " $0
    }
  ' "$@"
}
mapfile -t sources < <(find Sources Tests -name '*.swift' | sort)
probe_dir=$(mktemp -d)
trap 'rm -rf "$probe_dir"' EXIT

# A source check proves itself before it runs:
#   check_sources CHECK MISSES FLAGS BAD GOOD MESSAGE FILE...
# writes BAD and GOOD (printf formats) to probe files and fails with MISSES unless CHECK (a
# function printing file:line of what it finds) finds something in BAD, and with FLAGS unless it
# finds nothing in GOOD; then runs CHECK over the files and fails with MESSAGE and what it found.
check_sources() {
  local check=$1 misses=$2 flags=$3 bad=$4 good=$5 message=$6
  shift 6
  printf "$bad" > "$probe_dir/$check-bad.swift"
  printf "$good" > "$probe_dir/$check-good.swift"
  [ -n "$("$check" "$probe_dir/$check-bad.swift")" ] || fail "$misses"
  [ -z "$("$check" "$probe_dir/$check-good.swift")" ] || fail "$flags"
  local found
  found=$("$check" "$@")
  [ -z "$found" ] || fail "$message"$'\n'"$found"
}

# The check must see an unconditional import when there is one.
check_sources unconditional_platform_imports \
  "the platform-import check misses an unconditional import" "the platform-import check flags a conditional import" \
  'import Glibc\n' '#if canImport(Glibc)\nimport Glibc\n#endif\n' \
  "unconditional platform imports (wrap them in #if canImport, or import AIOSSystem):" "${sources[@]}"
outside=$(grep -lE '^[[:space:]]*(@_exported[[:space:]]+)?import[[:space:]]+(Glibc|Musl|Darwin)\b' $(find Sources -name '*.swift' -not -path 'Sources/AIOSSystem/*') || true)
[ -z "$outside" ] || fail "platform imports outside Sources/AIOSSystem (import AIOSSystem instead):"$'\n'"$outside"
grep -q '@_exported import Glibc' Sources/AIOSSystem/Platform.swift || fail "Sources/AIOSSystem/Platform.swift no longer re-exports the C library"

# Linux-only calls live behind SystemCalls (Sources/AIOSSystem/SystemCalls.swift), which has a
# Darwin branch for each: no other source file may call them. Comments are not code.
linux_only_calls() {
    grep -nHE '\b(getrandom|fdatasync|posix_fallocate|pipe2|accept4|MAP_POPULATE|SOCK_CLOEXEC|environ|posix_spawn_file_actions_t|posix_spawnattr_t)\b|/proc/self' "$@" \
        | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//' || true
}
check_sources linux_only_calls \
  "the Linux-only call check misses a call" "the Linux-only call check flags a comment" \
  'let flags = MAP_PRIVATE | MAP_POPULATE\n' '// fdatasync(2), described in a comment\nlet flags = MAP_PRIVATE\n' \
  "Linux-only calls outside Sources/AIOSSystem (add a SystemCalls function with a Darwin branch):" \
  $(find Sources -name '*.swift' -not -path 'Sources/AIOSSystem/*')

# The store seam (docs/architecture.md, "Seams"): outside the file store's target
# (Sources/AIOSStore) the product reaches the store only through StoreBackend, JobStoreBackend,
# KeyStoreBackend and RateLimitBackend, never the concrete file-store types. The compiler
# enforces it (they are internal to AIOSStore; probe 3 below); this check says so sooner.
concrete_store_uses() {
    grep -nHE '\b(JobStore|KeyStore|RateLimiter|FileStoreBackend)\b' "$@" | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//' || true
}
check_sources concrete_store_uses \
  "the store-seam check misses a concrete store type" "the store-seam check flags a seam" \
  'let store: JobStore\n' '/// Unlike JobStore, a seam.\nlet store: any JobStoreBackend\nlet options = JobStoreOptions()\n' \
  "concrete store types outside the file backend (use the StoreBackend seams, StoreFactory opens):" \
  $(find Sources -name '*.swift' -not -path 'Sources/AIOSStore/*')
# The phase graph is the pipeline's (docs/architecture.md, "The phase graph"): the store and the
# vocabulary below it work from the graph they are given, so they spell no phase or tool name.
# AIOSStore cannot import AIOSAgents at all (probe 2 below proves it).
pipeline_phase_names() {
    grep -nHE '"(strategy|architecture|ux)"|\b(aios_strategize|aios_design_architecture|aios_design_ux|aios_generate_code)\b' "$@" \
        | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//' || true
}
check_sources pipeline_phase_names \
  "the phase-name check misses a phase name" "the phase-name check flags a comment or an error code" \
  'let first = "strategy"\n' '/// `["strategy","ux"]`, in a comment\nlet code = "code"\n' \
  "the pipeline's phase or tool names in the store (take them from the PhaseGraph it is given):" \
  $(find Sources/AIOSStore Sources/AIOSDomain -name '*.swift')
found=$(grep -rnE '^[[:space:]]*(@_exported[[:space:]]+)?import[[:space:]]+AIOSAgents\b' Sources/AIOSStore Sources/AIOSDomain || true)
[ -z "$found" ] || fail "the store imports the agents layer (the pipeline gives it the phase graph as data):"$'\n'"$found"
# @testable import opens a target's internals to the importer (in debug builds): only tests may.
found=$(grep -rnE '^[[:space:]]*@testable[[:space:]]+import' Sources || true)
[ -z "$found" ] || fail "@testable import in library or executable code (it would reach past the layers' access control):"$'\n'"$found"

# -- 2. upward imports ---------------------------------------------------------------------
# target|module it must not import|module it may import (the control)
probes=(
  "AIOSJSON|MCPServerKit|AIOSSystem"
  "JSONRPC|MCPServerKit|AIOSJSON"
  "MCPServerKit|AIOSAgents|JSONRPC"
  "AIOSDomain|AIOSAgents|MCPServerKit"
  "AIOSAgents|MCPCore|AIOSDomain"
  "AIOSStore|MCPCore|AIOSDomain"
  "AIOSStore|AIOSAgents|AIOSDomain"
)
# The store wall: names MCPCore must not see (each must fail as unknown), and the seams it uses
# in the same file (which must not fail).
store_concrete=(JobStore KeyStore RateLimiter FileStoreBackend BuiltinEngine)
store_seams=(JobStoreBackend KeyStoreBackend RateLimitBackend StoreBackend AgentEngine)
if [ "${AIOS_SKIP_LAYER_PROBES:-}" = 1 ]; then
  echo "check-layers: AIOS_SKIP_LAYER_PROBES=1, upward-import probes skipped" >&2
else
  copy="$probe_dir/package"
  mkdir -p "$copy"
  cp -R Package.swift Sources "$copy/"
  # The manifest names the test targets; empty ones keep it valid without copying the tests.
  for dir in Tests/*/; do
    [ -n "$(find "$dir" -maxdepth 1 -name '*.swift' -print -quit)" ] || continue
    mkdir -p "$copy/$dir" && printf '' > "$copy/$dir/Empty.swift"
  done
  for probe in "${probes[@]}"; do
    IFS='|' read -r target upward lower <<< "$probe"
    file="$copy/Sources/$target/LayerProbe.swift"
    for module in "$upward" "$lower"; do
      printf 'import %s\n' "$module" > "$file"
      log="$probe_dir/$target-$module.log"
      if (cd "$copy" && swift build --target "$target" --explicit-target-dependency-import-check error) > "$log" 2>&1; then
        [ "$module" = "$lower" ] || fail "$target imported $module (a higher layer) and still built"
      else
        if [ "$module" = "$upward" ]; then
          grep -qE "no such module '$upward'|imports another target \($upward\)|\b$upward\b.*not declared as a dependency" "$log" ||
            { cat "$log" >&2; fail "$target failed to build with the probe, but not because of 'import $upward'"; }
        else
          cat "$log" >&2
          fail "$target did not build importing $lower, a layer below it"
        fi
      fi
    done
    rm -f "$file"
    echo "check-layers: $target cannot import $upward, can import $lower" >&2
  done

  # -- 3. the store wall -----------------------------------------------------------------
  file="$copy/Sources/MCPCore/LayerProbe.swift"
  : > "$file"
  for name in "${store_seams[@]}"; do printf 'let layerProbeSeam%s: (any %s)? = nil\n' "$name" "$name" >> "$file"; done
  for name in "${store_concrete[@]}"; do printf 'let layerProbeConcrete%s: %s? = nil\n' "$name" "$name" >> "$file"; done
  log="$probe_dir/MCPCore-store.log"
  if (cd "$copy" && swift build --target MCPCore) > "$log" 2>&1; then
    fail "MCPCore named the concrete types below it (${store_concrete[*]}) and still built"
  else
    # Every error is in the probe, on a concrete name; every concrete name is refused.
    probe_errors=$(grep -E '^/[^:]+:[0-9]+:[0-9]+: error:' "$log" | sort -u)
    others=$(grep -vE "LayerProbe\.swift:[0-9]+:[0-9]+: error: cannot find type '($(IFS='|'; echo "${store_concrete[*]}"))' in scope" <<< "$probe_errors" || true)
    [ -z "$others" ] || { cat "$log" >&2; fail "MCPCore failed to build with the probe, but not only on the concrete names:"$'\n'"$others"; }
    for name in "${store_concrete[@]}"; do
      grep -q "cannot find type '$name' in scope" <<< "$probe_errors" || { cat "$log" >&2; fail "MCPCore's store probe did not fail on $name"; }
    done
  fi
  rm -f "$file"
  echo "check-layers: MCPCore cannot name ${store_concrete[*]}, can name ${store_seams[*]}" >&2
fi

if [ "$failures" -gt 0 ]; then
  echo "check-layers: $failures check(s) failed" >&2
  exit 1
fi
echo "check-layers: ok" >&2
