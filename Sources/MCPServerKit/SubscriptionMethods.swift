/// The 2026-07-28 `subscriptions/listen` method: one request is one stream of change
/// notifications, acknowledged first and tagged with the request's id, until the client cancels
/// it (or the server shuts down, which sends `notifications/cancelled` for it).
public enum SubscriptionMethods {
    /// The method.
    ///
    /// - Parameters:
    ///   - resources: Resource updates and list changes come from it; without it those kinds are
    ///     not honoured.
    ///   - tasks: Task status notifications (`taskIds`, the tasks extension) come from it.
    public static func make(resources: (any ResourceProvider)?, tasks: (any TaskBackend)?) -> MCPMethod {
        MCPMethod("subscriptions/listen", availability: .modernOnly) { context, params in
            let requested = try SubscriptionFilter(parsing: params["notifications"])
            if !requested.taskIDs.isEmpty, !context.clientDeclaresExtension(TaskKey.extensionID) {
                throw TaskMethods.missingExtension
            }
            guard let session = context.session else { return [:] }
            var honored = SubscriptionFilter()
            if let resources {
                honored.resourcesListChanged = requested.resourcesListChanged
                honored.resourceSubscriptions = requested.resourceSubscriptions.filter(resources.owns)
            }
            if tasks != nil { honored.taskIDs = requested.taskIDs }
            // Our tool and prompt lists never change, so those kinds are not honoured.
            for uri in honored.resourceSubscriptions { await resources?.watch(uri) }
            for id in honored.taskIDs { await tasks?.watch(id) }
            defer {
                session.closeListen(context.id)
                for uri in honored.resourceSubscriptions { resources?.unwatch(uri) }
                for id in honored.taskIDs { tasks?.unwatch(id) }
            }
            guard session.openListen(context.id, honored: honored, flag: context.cancellation) else { return [:] }
            await context.cancellation.wait()
            return ["_meta": [ServerSession.subscriptionIDKey: context.id.json]]
        }
    }
}
