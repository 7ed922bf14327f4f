import CairnCore
package import CairnStore
package import Hummingbird
package import NIOCore
package import Logging
import OpenAPIHummingbird
import OpenAPIRuntime
package import Prometheus

/// Assembles the HTTP application: anonymous health routes, the AWS front door at `POST /`, and the REST API
/// under `/v1`, all behind the edge middleware.
package enum ApplicationBuilder {
    package static func build(
        settings: ServerSettings, store: Store, logger: Logger, registry: PrometheusCollectorRegistry?,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let router = try router(settings: settings, store: store, registry: registry)
        return Application(
            router: router,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "cairn"),
            onServerRunning: onServerRunning,
            logger: logger)
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
        let frontDoor = AWSFrontDoor(authenticator: authenticator, runner: runner, handlers: awsHandlers(runner))
        router.post("/") { request, context in await frontDoor.respond(request, context: context) }
        // cloudtrail-data is a REST-JSON service: its one operation is its path.
        router.post("/PutAuditEvents") { request, context in await frontDoor.respond(request, context: context) }
        // Presigned Query-protocol calls (an STS GetCallerIdentity URL) arrive as GET.
        router.get("/") { request, context in await frontDoor.respond(request, context: context) }
        router.add(middleware: RESTAuthenticationMiddleware(authenticator: authenticator))
        // Compact JSON with ARNs left readable (no escaped slashes).
        try RESTService(runner: runner).registerHandlers(
            on: router, configuration: .init(jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes]), middlewares: [OptionalBodyMiddleware(), RESTRefusalRecording(runner: runner)])
        return router
    }

    /// Every AWS-protocol handler; a test checks this table against the catalogue.
    static func awsHandlers(_ runner: OperationRunner) -> [AWSHandler] {
        STSHandlers(runner: runner).all + IAMHandlers(runner: runner).all + OrganizationsHandlers(runner: runner).all
            + CloudTrailDelegatedAdminHandlers(runner: runner).all
            + CloudTrailHandlers(
                trails: TrailOperations(runner: runner), history: EventHistory(runner: runner), publicKeys: PublicKeyOperations(runner: runner)
            ).all
            + ChannelHandlers(channels: ChannelOperations(runner: runner)).all
    }
}
