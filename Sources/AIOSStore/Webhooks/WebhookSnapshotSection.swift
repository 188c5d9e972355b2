/// The webhook outbox in a snapshot. Snapshot formats 1 and 2 hold it in an optional section
/// after the last job, written only when some job has deliveries; format 3 keeps each job's
/// deliveries in its entry, in the same per-delivery layout (see `encode(_:into:)`).
///
/// Section layout: tag `WHK1`, the number of jobs with deliveries (u64), and for each: the job
/// id, the number of deliveries (u32), and each delivery's fields.
enum WebhookSnapshotSection {
    static let tag: [UInt8] = Array("WHK1".utf8)

    static func encode(_ records: [JobRecord], into writer: inout ByteWriter) {
        let holders = records.filter { !$0.webhookDeliveries.isEmpty }
        guard !holders.isEmpty else { return }
        writer.bytes(tag)
        writer.u64(UInt64(holders.count))
        for record in holders {
            writer.string(record.id.rawValue)
            writer.u32(UInt32(record.webhookDeliveries.count))
            for delivery in record.webhookDeliveries { encode(delivery, into: &writer) }
        }
    }

    static func encode(_ delivery: WebhookDelivery, into writer: inout ByteWriter) {
        writer.string(delivery.id)
        writer.string(delivery.url)
        writer.u8(UInt8(SnapshotCodec.webhookEvents.firstIndex(of: delivery.event) ?? 0))
        writer.u8(UInt8(SnapshotCodec.jobStatuses.firstIndex(of: delivery.jobStatus) ?? 0))
        writer.u8(PhaseSet(delivery.phasesCompleted).rawValue)
        writer.i64(delivery.durationMilliseconds)
        writer.i64(delivery.endedAt)
        writer.u8(UInt8(SnapshotCodec.deliveryStates.firstIndex(of: delivery.state) ?? 0))
        writer.optionalI64(delivery.nextAttemptAt)
        writer.optionalI64(delivery.finishedAt)
        if let lease = delivery.lease {
            writer.u8(1)
            writer.string(lease.holder)
            writer.i64(lease.expiresAt)
        } else {
            writer.u8(0)
        }
        writer.u32(UInt32(delivery.attempts.count))
        for attempt in delivery.attempts {
            writer.u32(UInt32(clamping: attempt.number))
            writer.string(attempt.worker)
            writer.i64(attempt.startedAt)
            writer.optionalI64(attempt.finishedAt)
            writer.optionalI64(attempt.statusCode.map(Int64.init))
            writer.optionalI64(attempt.latencyMilliseconds)
            writer.optionalString(attempt.error)
        }
    }

    /// Reads the section (the reader stands on its tag) and attaches the deliveries to `records`.
    static func decode(_ reader: inout ByteReader, into records: inout [JobRecord], graph: PhaseGraph) throws(StoreError) {
        let start = reader.offset
        guard try reader.bytes(tag.count) == tag else {
            throw StoreError(.corrupt, "unknown section after the last job", path: reader.path, offset: Int64(start))
        }
        var index: [JobID: Int] = [:]
        for (position, record) in records.enumerated() { index[record.id] = position }
        let count = try reader.u64()
        guard count <= UInt64(records.count) else {
            throw StoreError(.corrupt, "webhook section claims \(count) jobs", path: reader.path, offset: Int64(start))
        }
        for _ in 0..<count {
            let id = try reader.jobID(lengthPrefixed: true)
            guard let position = index[id] else {
                throw StoreError(.corrupt, "webhook deliveries for unknown job \(id)", path: reader.path, offset: Int64(reader.offset))
            }
            let deliveries = try reader.u32()
            for _ in 0..<deliveries { records[position].webhookDeliveries.append(try decodeDelivery(&reader, job: id, graph: graph)) }
        }
    }

    static func decodeDelivery(_ reader: inout ByteReader, job: JobID, graph: PhaseGraph) throws(StoreError) -> WebhookDelivery {
        let id = try reader.string()
        let url = try reader.string()
        let event = try reader.enumCase(SnapshotCodec.webhookEvents)
        let status = try reader.enumCase(SnapshotCodec.jobStatuses)
        let phases = Array(graph.phases(rawValue: try reader.u8()))
        var delivery = WebhookDelivery(
            id: id, jobID: job, url: url, event: event, jobStatus: status, phasesCompleted: phases,
            durationMilliseconds: try reader.i64(), endedAt: try reader.i64())
        delivery.state = try reader.enumCase(SnapshotCodec.deliveryStates)
        delivery.nextAttemptAt = try reader.optionalI64()
        delivery.finishedAt = try reader.optionalI64()
        if try reader.u8() == 1 { delivery.lease = JobLease(holder: try reader.string(), expiresAt: try reader.i64()) }
        let attempts = try reader.u32()
        for _ in 0..<attempts {
            var attempt = WebhookAttempt(number: Int(try reader.u32()), worker: try reader.string(), startedAt: try reader.i64())
            attempt.finishedAt = try reader.optionalI64()
            attempt.statusCode = try reader.optionalI64().map { Int($0) }
            attempt.latencyMilliseconds = try reader.optionalI64()
            attempt.error = try reader.optionalString()
            delivery.attempts.append(attempt)
        }
        return delivery
    }
}
