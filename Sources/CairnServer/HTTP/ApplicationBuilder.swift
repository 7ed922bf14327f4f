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
    /// The router, the services it needs running beside it, and the freshness of its caches (which tests wait
    /// on after changing the database behind the server's back).
    package struct Components {
        package let router: Router<CairnRequestContext>
        package let services: [any ServiceLifecycle.Service]
        package let freshness: CacheFreshness
    }

    package static func build(
        settings: ServerSettings, store: Store, replica: Store? = nil, eventLane: EventLane? = nil, logger: Logger,
        registry: PrometheusCollectorRegistry?,
        services: [any ServiceLifecycle.Service] = [], onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let parts = try components(
            settings: settings, store: store, replica: replica, eventLane: eventLane, registry: registry, logger: logger)
        var app = Application(
            router: parts.router,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "cairn"),
            onServerRunning: onServerRunning,
            logger: logger)
        app.addServices(parts.services + services)
        return app
    }

    /// The router, and the services it needs running beside it (the change feed that keeps its caches fresh).
    package static func components(
        settings: ServerSettings, store: Store, replica: Store? = nil, eventLane: EventLane? = nil, registry: PrometheusCollectorRegistry?,
        logger: Logger = Logger(label: "cairn")
    ) throws -> Components {
        let caches = CallCaches()
        let authenticator = Authenticator(store: store, credentials: caches.credentials)
        let underWay = CallsUnderWay()
        var authorizer = Authorizer(operatorAccount: settings.operatorAccount, partition: settings.partition, store: store)
        authorizer.resourceControls = caches.resourceControls
        var runner = OperationRunner(
            store: store, authorizer: authorizer,
            eventQueue: EventCommitQueue(store: store, underWay: underWay, lane: eventLane),
            underWay: underWay, caches: caches,
            organizationAccountLimit: settings.organizationAccountLimit, replica: replica.map { ReplicaReads(primary: store, replica: $0) })
        runner.webIdentityKeys = WebIdentityKeys(
            fetch: IdentityProviderFetch(
                authorities: try settings.oidcCAFile.map(IdentityProviderFetch.authorities(pemFile:)),
                allowsPrivateNetworks: settings.oidcAllowsPrivateNetworks))
        let router = Router(context: CairnRequestContext.self)
        router.add(middleware: EdgeMiddleware())
        HealthRoutes(store: store, migrationCount: settings.migrationCount, registry: registry).add(to: router)

        let door = AWSDoor(runner: runner, bindings: awsBindings)
        let aws = router.group()
            .add(middleware: DoorErrorMiddleware.aws)
            .add(middleware: AuthenticationMiddleware(authenticator: authenticator, admitsUnsigned: true))
        aws.post("/") { request, context in try await door.respond(request, context: context) }
        // REST-JSON services (cloudtrail-data, access-analyzer): an operation is its path.
        for path in Service.allCases.flatMap(\.restJSONPaths.keys) {
            aws.post(RouterPath(path)) { request, context in try await door.respond(request, context: context) }
        }
        // Presigned Query-protocol calls (an STS GetCallerIdentity URL) arrive as GET.
        aws.get("/") { request, context in try await door.respond(request, context: context) }

        let rest = router.group()
            .add(middleware: DoorErrorMiddleware.rest(sealing: store.secrets))
            .add(middleware: AuthenticationMiddleware(authenticator: authenticator, signingService: .cairn))
            .add(middleware: RESTScopeMiddleware())
            .add(middleware: WholeBodyResponseMiddleware())
        // Compact JSON with ARNs left readable (no escaped slashes); members in the generated order, since sorting
        // them cost REST a few per cent of its CPU and no client depends on order.
        try RESTService(runner: runner).registerHandlers(
            on: rest, configuration: .init(jsonEncodingOptions: [.withoutEscapingSlashes]),
            middlewares: [OptionalBodyMiddleware(), RESTOperationGuard(runner: runner)])
        // The web console: a third door over the same runner (Console/ConsoleDoor).
        ConsoleDoor(runner: runner, authenticator: authenticator, view: try ConsoleView()).add(to: router)
        return Components(
            router: router, services: [ChangeFeed(store: store, freshness: caches.freshness, logger: logger)], freshness: caches.freshness)
    }

    /// Every AWS-protocol binding; a test checks this table against the catalogue.
    static let awsBindings: [AWSBinding] =
        CloudTrailBindings.all + OrganizationsBindings.all + IAMBindings.all + STSBindings.all + AccessAnalyzerBindings.all
}
