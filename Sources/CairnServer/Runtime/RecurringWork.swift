import Logging
import ServiceLifecycle

/// A pass of background work repeated at an interval, as a swift-service-lifecycle `Service`: delivery, the
/// webhook outbox, maintenance. Every process runs each; the work itself takes what locks it needs, so two
/// processes never do the same pass twice. It sleeps first — start-up has just done what a first pass would —
/// and stops at the group's graceful shutdown, between passes.
struct RecurringWork: ServiceLifecycle.Service {
    let name: String
    let interval: Duration
    let logger: Logger
    let pass: @Sendable () async throws -> Void

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while (try? await Task.sleep(for: interval)) != nil, !Task.isCancelled {
                do {
                    try await pass()
                } catch {
                    logger.warning("\(name) pass failed; retrying next interval", metadata: ["error": "\(String(reflecting: error))"])
                }
            }
        }
    }
}
