extension StoreError: AIOSErrorConvertible {
    /// `INTERNAL_ERROR` (the contract's code for a failure of the server's own machinery) with
    /// the store's own cause, and the error itself in `details.store_error`, from which
    /// ``init(storeErrorDetails:)`` gives it back (the CLI exits 6 with it).
    public var aiosError: AIOSError {
        var error: JSONObject = ["code": .string(code.rawValue), "message": .string(message)]
        if let path { error["path"] = .string(path) }
        if let offset { error["offset"] = .int(offset) }
        return AIOSError(.internalError, description, details: ["store_error": .object(error)])
    }

    /// The store error carried in an ``AIOSError``'s details, if there is one.
    public init?(storeErrorDetails details: JSONValue) {
        guard let error = details["store_error"]?.objectValue, let code = error["code"]?.stringValue,
            let message = error["message"]?.stringValue
        else { return nil }
        var offset: Int64?
        if case .int(let value)? = error["offset"] { offset = value }
        self.init(Code(rawValue: code), message, path: error["path"]?.stringValue, offset: offset)
    }
}
