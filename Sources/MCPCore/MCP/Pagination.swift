/// Opaque cursors for list methods, and the paging rule they follow.
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
            else { throw .invalidParams("Invalid cursor", data: ["cursor": cursor]) }
            start = offset
        }
        let end = min(items.count, start + pageSize)
        return (items[start..<end], end < items.count ? "c1.\(end)" : nil)
    }
}
