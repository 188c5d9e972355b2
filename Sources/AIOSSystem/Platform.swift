// The one place that names the C library. Every other target imports `AIOSSystem` and gets the
// platform's libc through it (Glibc on glibc Linux, Musl on the static Linux SDK, Darwin on
// macOS), so the product has no platform import of its own: `scripts/check-layers.sh`, run by
// the tests, fails on any `import Glibc`/`Musl`/`Darwin` outside this target and on any
// unconditional one inside it. Model: swift-nio's `Sources/NIOPosix/System.swift`.
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Musl)
@_exported import Musl
#elseif canImport(Darwin)
@_exported import Darwin
#else
#error("aios needs a POSIX C library: Glibc, Musl or Darwin")
#endif
