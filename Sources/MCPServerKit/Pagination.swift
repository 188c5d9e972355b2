import AIOSJSON
import AIOSCrypto
import JSONRPC

/// Opaque cursors for list methods, and the paging rules they follow.
///
/// Two kinds: offset cursors for fixed lists (tools, prompts, templates), and key cursors for
/// lists that grow while a client pages through them (jobs, tasks: newest first), which resume
/// after the last key seen so that new entries never shift a page. Any cursor we did not issue
/// is `-32602`, as the protocol asks.
public enum Pagination {
    /// The page size of every list method.
    public static let pageSize = 50

    /// The slice of `items` that `cursor` names, and the cursor of the next page.
    ///
    /// - Throws: `-32602` when the cursor is not one we issued for a list of this size.
    public static func page<T>(_ items: [T], cursor: JSONValue?, pageSize: Int = pageSize) throws(JSONRPCError) -> (items: ArraySlice<T>, next: String?) {
        var start = 0
        if let cursor, !cursor.isNull {
            guard let text = cursor.stringValue, text.hasPrefix("c1."), let offset = Int(text.dropFirst(3)),
                offset > 0, offset <= items.count
            else { throw invalid(cursor) }
            start = offset
        }
        let end = min(items.count, start + pageSize)
        return (items[start..<end], end < items.count ? "c1.\(end)" : nil)
    }

    /// A cursor that resumes after `key`.
    public static func cursor(after key: String) -> String {
        "k1." + Base64.encode(Array(key.utf8), urlSafe: true, padded: false)
    }

    /// The key a ``cursor(after:)`` cursor resumes after; `nil` for the first page.
    ///
    /// - Parameter isValidKey: Whether a decoded key could have been issued (e.g. a well-formed job id).
    /// - Throws: `-32602` when the cursor is not one we issued.
    public static func key(from cursor: JSONValue?, isValidKey: (String) -> Bool) throws(JSONRPCError) -> String? {
        guard let cursor, !cursor.isNull else { return nil }
        guard let text = cursor.stringValue, text.hasPrefix("k1."),
            let bytes = Base64.decode(String(text.dropFirst(3)), urlSafe: true),
            let key = String(validating: bytes, as: UTF8.self), isValidKey(key)
        else { throw invalid(cursor) }
        return key
    }

    /// The page of `items` (in listing order) after the item whose key is `after`, and the
    /// cursor of the next page.
    ///
    /// - Parameters:
    ///   - after: The key a ``cursor(after:)`` cursor resumes after; `nil` for the first page.
    ///   - resumesAfterMissingKey: Where to resume when the item with that key is gone (deleted
    ///     meanwhile): the first item for which this holds.
    public static func page<T>(
        _ items: [T], key: (T) -> String, after: String?, resumesAfterMissingKey: (T) -> Bool, pageSize: Int = pageSize
    ) -> (items: ArraySlice<T>, next: String?) {
        var start = 0
        if let after {
            start = items.firstIndex { key($0) == after }.map { $0 + 1 }
                ?? items.firstIndex(where: resumesAfterMissingKey) ?? items.count
        }
        let end = min(items.count, start + pageSize)
        return (items[start..<end], end < items.count ? cursor(after: key(items[end - 1])) : nil)
    }

    package static func invalid(_ cursor: JSONValue) -> JSONRPCError {
        .invalidParams("Invalid cursor", data: ["cursor": cursor])
    }
}
