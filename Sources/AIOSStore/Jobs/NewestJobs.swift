/// The newest of the jobs offered to it — those with the largest `order` — at most `limit` of
/// them, without ordering the rest: a min-heap of the best so far once `limit` are held.
struct NewestJobs {
    private let limit: Int
    private var held: [(order: UInt64, id: JobID)] = []
    private var isHeap = false

    init(limit: Int) { self.limit = max(0, limit) }

    mutating func offer(order: UInt64, id: JobID) {
        if held.count < limit {
            held.append((order, id))
            return
        }
        guard limit > 0 else { return }
        if !isHeap {
            for index in stride(from: held.count / 2 - 1, through: 0, by: -1) { siftDown(from: index) }
            isHeap = true
        }
        guard order > held[0].order else { return }
        held[0] = (order, id)
        siftDown(from: 0)
    }

    /// The ids held, newest first.
    var ids: [JobID] { held.sorted { $0.order > $1.order }.map(\.id) }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            var smallest = parent
            let left = 2 * parent + 1
            if left < held.count, held[left].order < held[smallest].order { smallest = left }
            if left + 1 < held.count, held[left + 1].order < held[smallest].order { smallest = left + 1 }
            if smallest == parent { return }
            held.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
