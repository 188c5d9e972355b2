import AIOSSystem

/// A file's bytes mapped read-only into memory, unmapped when released.
///
/// Reading a large snapshot this way costs no copy and no zeroed buffer. Only files nobody
/// shortens while they are mapped may be mapped: snapshots (never changed once renamed into
/// place), or a journal while the store lock is held (only a writer truncates a torn tail).
final class MappedFile {
    let bytes: UnsafeRawBufferPointer

    private let mapping: UnsafeMutableRawPointer?
    private let mappedCount: Int

    /// Maps `count` bytes of `file` from `offset` (within its size when it was opened or checked).
    ///
    /// - Parameter populate: Fault every page in now, for a caller that reads them all.
    init(_ file: StoreFile, offset: Int = 0, count: Int, populate: Bool) throws(StoreError) {
        guard count > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            mapping = nil
            mappedCount = 0
            return
        }
        // Mappings start on a page boundary.
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let skip = offset % page
        let address = mmap(nil, count + skip, PROT_READ, MAP_PRIVATE | SystemCalls.mapPopulateFlags(populate), file.descriptor, off_t(offset - skip))
        guard let address, address != MAP_FAILED else { throw .system("mmap", path: file.path) }
        mapping = address
        mappedCount = count + skip
        bytes = UnsafeRawBufferPointer(start: address + skip, count: count)
    }

    deinit {
        if let mapping { munmap(mapping, mappedCount) }
    }
}
