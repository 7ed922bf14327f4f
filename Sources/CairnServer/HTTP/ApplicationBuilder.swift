import CairnCore
package import CairnStore
package import Hummingbird
package import Logging
package import NIOCore
import OpenAPIHummingbird
import OpenAPIRuntime
package import Prometheus
package import ServiceLifecycle

/// Assembles the HTTP application: the anonymous health routes, and the two doors as route groups, each
/// behind its own error boundary and the one authentication middleware; the edge around everything.
package enum ApplicationBuilder {
    package static func build(
        settings: ServerSettings, store: Store, logger: Logger, registry: PrometheusCollectorRegistry?,
        services: [any ServiceLifecycle.Service] = [], onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let router = try router(settings: settings, store: store, registry: registry)
        var app = Application(
            router: router,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "cairn"),
            onServerRunning: onServerRunning,
            logger: logger)
        app.addServices(services)
        return app
    }

    package static func router(settings: ServerSettings, store: Store, registry: PrometheusCollectorRegistry?) throws -> Router<CairnRequestContext> {
        let authenticator = Authenticator(store: store)
        let runner = OperationRunner(
            store: store,
            authorizer: Authorizer(operatorAccount: settings.operatorAccount, partition: settings.partition, store: store),
            eventQueue: EventCommitQueue(store: store))
        let router = Router(context: CairnRequestContext.self)
        router.add(middleware: EdgeMiddleware())
        HealthRoutes(store: store, migrationCount: settings.migrationCount, registry: registry).add(to: router)

        let door = AWSDoor(runner: runner, bindings: awsBindings)
        let aws = router.group()
            .add(middleware: DoorErrorMiddleware.aws)
            .add(middleware: AuthenticationMiddleware(authenticator: authenticator))
        aws.post("/") { request, context in try await door.respond(request, context: context) }
        // cloudtrail-data is a REST-JSON service: its one operation is its path.
        aws.post("/PutAuditEvents") { request, context in try await door.respond(request, context: context) }
        // Presigned Query-protocol calls (an STS GetCallerIdentity URL) arrive as GET.
        aws.get("/") { request, context in try await door.respond(request, context: context) }

        let rest = router.group()
            .add(middleware: DoorErrorMiddleware.rest)
            .add(middleware: AuthenticationMiddleware(authenticator: authenticator, signingService: .cairn))
            .add(middleware: RESTScopeMiddleware())
        // Compact JSON with ARNs left readable (no escaped slashes).
        try RESTService(runner: runner).registerHandlers(
            on: rest, configuration: .init(jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes]),
            middlewares: [OptionalBodyMiddleware(), RESTOperationGuard(runner: runner)])
        return router
    }

    /// Every AWS-protocol binding; a test checks this table against the catalogue.
    static let awsBindings: [AWSBinding] = CloudTrailBindings.all + OrganizationsBindings.all + IAMBindings.all + STSBindings.all
}
