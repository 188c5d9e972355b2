import Glibc

/// A file's bytes mapped read-only into memory, unmapped when released.
///
/// Reading a large snapshot this way costs no copy and no zeroed buffer. Only files nobody
/// shortens while they are mapped may be mapped: snapshots (never changed once renamed into
/// place), or a journal while the store lock is held (only a writer truncates a torn tail).
final class MappedFile {
    let bytes: UnsafeRawBufferPointer

    /// Maps the first `count` bytes of `file` (its size when it was opened or checked).
    ///
    /// - Parameter populate: Fault every page in now, for a caller that reads them all.
    init(_ file: StoreFile, count: Int, populate: Bool) throws(StoreError) {
        guard count > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let address = mmap(nil, count, PROT_READ, MAP_PRIVATE | (populate ? MAP_POPULATE : 0), file.descriptor, 0)
        guard let address, address != MAP_FAILED else { throw .system("mmap", path: file.path) }
        bytes = UnsafeRawBufferPointer(start: address, count: count)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
