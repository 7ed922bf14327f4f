import CairnCore
import CairnStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The web console under `/console`: server-rendered pages that work without JavaScript. It is a third door over
/// the same catalogue: a page's data and every button's effect are catalogue operations run as the signed-in
/// principal, authorized by its policies and recorded as events, with a form's fields decoded into the operation's
/// input exactly as the Query protocol's are. Only signing in and out are the console's own (docs/console.md).
struct ConsoleDoor: Sendable {
    let runner: OperationRunner
    let authenticator: Authenticator
    let view: ConsoleView

    var store: Store { runner.store }

    func add(to router: Router<CairnRequestContext>) {
        let console = router.group("console")
        console.get { _, _ in Self.redirect("/console/events") }
        console.get("console.css") { _, _ in
            var response = Self.text(ConsoleStyle.css, contentType: "text/css; charset=utf-8")
            response.headers[.cacheControl] = "public, max-age=3600"
            return response
        }
        console.get("favicon.svg") { _, _ in
            var response = Self.text(ConsoleStyle.favicon, contentType: "image/svg+xml")
            response.headers[.cacheControl] = "public, max-age=86400"
            return response
        }
        console.get("sign-in") { request, context in try await guarded(context) { try await signInPage(request, context) } }
        console.post("sign-in") { request, context in try await guarded(context) { try await signIn(request, context) } }
        console.post("sign-out") { request, context in try await signedIn(request, context, post: true, signOut) }
        console.post("region") { request, context in try await signedIn(request, context, post: true, switchRegion) }

        console.get("events") { request, context in try await signedIn(request, context, post: false, eventsPage) }
        console.get("events/download") { request, context in try await signedIn(request, context, post: false, downloadEvents) }
        console.get("events/:eventId") { request, context in
            let id = context.parameters.get("eventId") ?? ""
            return try await signedIn(request, context, post: false) { caller in try await eventPage(id, caller) }
        }

        console.get("trails") { request, context in try await signedIn(request, context, post: false, trailsPage) }
        console.post("trails") { request, context in try await signedIn(request, context, post: true, createTrail) }
        console.get("trails/:name") { request, context in
            let name = context.parameters.get("name") ?? ""
            return try await signedIn(request, context, post: false) { caller in try await trailPage(name, caller) }
        }
        console.post("trails/:name/:action") { request, context in
            let name = context.parameters.get("name") ?? "", action = context.parameters.get("action") ?? ""
            return try await signedIn(request, context, post: true) { caller in try await changeTrail(name, action, caller) }
        }

        console.get("organization") { request, context in try await signedIn(request, context, post: false, organizationPage) }
        console.post("organization/:action") { request, context in
            let action = context.parameters.get("action") ?? ""
            return try await signedIn(request, context, post: true) { caller in try await changeOrganization(action, caller) }
        }
        console.get("organization/accounts/:accountId") { request, context in
            let id = context.parameters.get("accountId") ?? ""
            return try await signedIn(request, context, post: false) { caller in try await accountPage(id, caller) }
        }

        console.get("iam") { request, context in try await signedIn(request, context, post: false, iamPage) }
        console.post("iam/policies") { request, context in try await signedIn(request, context, post: true, createPolicy) }

        console.get("lake") { request, context in try await signedIn(request, context, post: false, lakePage) }
        console.post("lake") { request, context in try await signedIn(request, context, post: true, startQuery) }
        console.get("insights") { request, context in try await signedIn(request, context, post: false, insightsPage) }

        console.get("simulator") { request, context in try await signedIn(request, context, post: false, simulatorPage) }
        console.post("simulator") { request, context in try await signedIn(request, context, post: true, simulate) }
    }

    // MARK: Running operations

    /// Runs a catalogue operation as the caller, its input decoded from Query-style fields (`Name`,
    /// `LookupAttributes.member.1.AttributeKey`): a refusal comes back as the operation's error, already recorded.
    func run<Input: Decodable, Output>(
        _ operation: Operation<Input, Output>, _ caller: ConsoleCaller, _ fields: [String: String]
    ) async
        -> Result<Output, ServiceError>
    {
        await run(operation, caller) { try JSONValueDecoder(scalarsFromText: true).decode(Input.self, from: QueryForm.tree(fields)) }
    }

    func run<Input, Output>(
        _ operation: Operation<Input, Output>, _ caller: ConsoleCaller, _ input: () throws -> Input
    ) async -> Result<
        Output, ServiceError
    > {
        do {
            return .success(try await runner.run(operation, in: caller.scope(), decoding: input))
        } catch {
            return .failure(error.error)
        }
    }

    // MARK: Sessions

    /// Resolves the session cookie (no session: to the sign-in page), checks a POST's CSRF token, and answers with the
    /// page `handle` makes; anything unexpected is a 500 page, never a dropped connection.
    func signedIn(
        _ request: Request, _ context: CairnRequestContext, post: Bool, _ handle: (ConsoleCaller) async throws -> Response
    ) async throws -> Response {
        try await guarded(context) {
            guard let cookie = request.cookies[ConsoleSession.cookieName]?.value, let session = ConsoleSession(cookie: cookie) else {
                return Self.redirect("/console/sign-in")
            }
            let region = request.cookies[ConsoleSession.regionCookieName].map(\.value).flatMap { RegionName.isValid($0) ? $0 : nil } ?? "us-east-1"
            let authenticated: Authenticator.Authenticated
            do {
                authenticated = try await authenticator.authenticate(console: session, region: region, now: Date(), logger: context.logger)
            } catch let error as ServiceError where error == .unknownRegion(region) {
                // A region that does not exist (or no longer does): the session is still good, the choice is not.
                var response = Self.redirect("/console/events")
                response.headers.append(HTTPField(name: .setCookie, value: Self.clearing(ConsoleSession.regionCookieName)))
                return response
            } catch let error as ServiceError where error.status < 500 {
                // An ended, expired or forged session: sign in again.
                var response = Self.redirect("/console/sign-in")
                response.headers.append(HTTPField(name: .setCookie, value: Self.clearing(ConsoleSession.cookieName)))
                response.headers.append(HTTPField(name: .setCookie, value: Self.clearing(ConsoleSession.regionCookieName)))
                return response
            }
            let form: ConsoleForm
            if post {
                form = ConsoleForm(encoded: String(buffer: try await request.body.collect(upTo: context.maxUploadSize)))
                guard session.accepts(csrf: form["csrf"]) else {
                    return Self.text("The form's CSRF token is missing or not this session's: reload the page and try again.\n", status: .forbidden)
                }
            } else {
                form = ConsoleForm(encoded: request.uri.query ?? "")
            }
            let caller = ConsoleCaller(
                session: session, authenticated: authenticated, sourceIP: context.sourceIP,
                userAgent: request.headers[.userAgent] ?? "", logger: context.logger, form: form)
            return try await handle(caller)
        }
    }

    func guarded(_ context: CairnRequestContext, _ body: () async throws -> Response) async throws -> Response {
        do {
            return Self.hardened(try await body())
        } catch let error as HTTPError {
            return Self.hardened(Self.text("\(error.body ?? "The request could not be read.")\n", status: error.status))
        } catch {
            context.logger.error("console page failed", metadata: ["error": "\(String(reflecting: error))"])
            return Self.hardened(Self.text("The console could not answer this request.\n", status: .internalServerError))
        }
    }

    // MARK: Responses

    func html(_ page: ConsolePage, _ caller: ConsoleCaller?) async -> Response {
        var regions: [String] = []
        if let caller, case .success(let listed) = await run(TenancyOperations.listRegions, caller, { NoInput() }) {
            regions = listed.regions
        }
        var response = Self.text(view.render(page, caller: caller, regions: regions), contentType: "text/html; charset=utf-8")
        response.status = .init(code: page.status)
        return response
    }

    /// A page reached after Post/Redirect/Get: its `done` field names what the form did, worded from `messages` (the
    /// field itself is never shown, so a crafted link cannot put words on the page).
    func html(_ page: ConsolePage, _ caller: ConsoleCaller, done messages: [String: String]) async -> Response {
        var page = page
        page.flash = caller.form["done"].flatMap { messages[$0] }
        return await html(page, caller)
    }

    /// A page showing an operation's refusal, with the refusal's own status.
    func failed(_ page: ConsolePage, _ error: ServiceError, _ caller: ConsoleCaller) async -> Response {
        var page = page
        page.error = error
        page.status = error.status
        return await html(page, caller)
    }

    static func text(_ body: String, contentType: String = "text/plain; charset=utf-8", status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// Post/Redirect/Get: a form's effect is followed by a GET, so reloading never repeats it.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func cookie(_ name: String, _ value: String, maxAge: Int, secure: Bool) -> String {
        "\(name)=\(value); Path=/console; Max-Age=\(maxAge); HttpOnly; SameSite=Strict\(secure ? "; Secure" : "")"
    }

    static func clearing(_ name: String) -> String { "\(name)=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict" }

    /// Pages are never cached, framed or sniffed, and load nothing from elsewhere: no script runs on them at all.
    static func hardened(_ response: Response) -> Response {
        var response = response
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// Behind a TLS-terminating proxy the cookie must only travel over TLS.
    static func isSecure(_ request: Request) -> Bool {
        request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}

extension HTTPField.Name {
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
