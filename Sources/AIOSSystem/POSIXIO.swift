#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Small wrappers over POSIX I/O that retry what should be retried.
public enum POSIXIO {
    /// Writes all of `bytes` to `fd`, retrying short writes and `EINTR`.
    ///
    /// - Returns: `false` when a write fails (for example `EPIPE` once the reader is gone).
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard var base = bytes.baseAddress else { return true }
        var remaining = bytes.count
        while remaining > 0 {
            let n = write(fd, base, remaining)
            if n > 0 {
                base += n
                remaining -= n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// Whether `fd` can take a write now (`poll` with no wait): for a pipe, at least one free
    /// buffer, so a write of up to `PIPE_BUF` bytes completes without blocking.
    public static func isWritableNow(_ fd: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        while true {
            let ready = poll(&entry, 1, 0)
            if ready < 0 && errno == EINTR { continue }
            return ready == 1 && entry.revents & Int16(POLLOUT) != 0
        }
    }

    /// Writes all of `bytes` to `fd`; see ``writeAll(_:_:)-(_,UnsafeRawBufferPointer)``.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }
}
