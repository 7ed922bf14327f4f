import CairnStore
import Hummingbird
import Logging
import NIOCore
import Prometheus

/// The anonymous endpoints: liveness, readiness (database reachable and fully migrated) and metrics.
struct HealthRoutes: Sendable {
    let store: Store
    let migrationCount: Int
    let registry: PrometheusCollectorRegistry?

    func add(to router: Router<CairnRequestContext>) {
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/readyz") { _, context -> Response in
            let ready = await isReady(logger: context.logger)
            return Response(
                status: ready ? .ok : .serviceUnavailable,
                body: .init(byteBuffer: ByteBuffer(string: ready ? "ready\n" : "not ready\n")))
        }
        router.get("/metrics") { _, _ -> Response in
            var buffer: [UInt8] = []
            registry?.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }

    private func isReady(logger: Logger) async -> Bool {
        do {
            return try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask { try await store.read(logger: logger) { tx in try await tx.appliedMigrationCount() } >= migrationCount }
                group.addTask {
                    try await Task.sleep(for: .seconds(2))
                    return false
                }
                let first = try await group.next() ?? false
                group.cancelAll()
                return first
            }
        } catch {
            return false
        }
    }
}
