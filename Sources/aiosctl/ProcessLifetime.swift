import MCPCore
import Synchronization

/// Stores kept until the process exits rather than released when a command is done with them:
/// a store of a hundred thousand jobs takes tens of milliseconds to free record by record just
/// before the exit, which returns all of its memory at once anyway.
enum ProcessLifetime {
    private static let stores = Mutex<[any StoreBackend]>([])

    static func keep(_ store: any StoreBackend) {
        stores.withLock { $0.append(store) }
    }
}
