import CairnCore
import CairnStore
import Foundation
import HTTPTypes
import Hummingbird

/// Signing in and out: the console's own two actions. A sign-in issues a console session (temporary credentials
/// acting as the principal, 12 hours for an IAM user and one for the root user, as AWS's console sessions last) and
/// records ConsoleLogin in the same transaction; a refused one records its Failure. Sign-out ends the session.
extension ConsoleDoor {
    static let userSessionSeconds = 43_200
    static let rootSessionSeconds = 3_600

    func signInPage(_ request: Request, _ context: CairnRequestContext) async throws -> Response {
        await signInForm(request, error: nil, status: .ok)
    }

    private func signInForm(_ request: Request, error: String?, status: HTTPResponse.Status, form: ConsoleForm = ConsoleForm()) async -> Response {
        let token = ConsoleSession.newSignInToken()
        var page = ConsolePage(template: "sign-in", title: "Sign in")
        page.values = ["csrf": token, "account": form["account"] ?? "", "userName": form["userName"] ?? "", "accessKeyId": form["accessKeyId"] ?? ""]
        if let error { page.error = ServiceError(code: "SignInFailed", status: Int(status.code), message: error) }
        page.status = Int(status.code)
        var response = await html(page, nil)
        response.headers.append(
            HTTPField(name: .setCookie, value: Self.cookie(ConsoleSession.signInCookieName, token, maxAge: 3_600, secure: Self.isSecure(request))))
        return response
    }

    func signIn(_ request: Request, _ context: CairnRequestContext) async throws -> Response {
        let form = ConsoleForm(encoded: String(buffer: try await request.body.collect(upTo: context.maxUploadSize)))
        guard let expected = request.cookies[ConsoleSession.signInCookieName]?.value, let sent = form["csrf"],
            SigV4Request.constantTimeEquals(expected, sent)
        else {
            return await signInForm(request, error: "The sign-in form expired: sign in again.", status: .forbidden)
        }
        let check = ConsoleSignInCheck(store: store, logger: context.logger)
        let method: ConsoleSignIn.Method
        var verdict: ConsoleSignInCheck.Verdict
        if let keyId = form.text("accessKeyId") {
            method = .accessKey
            verdict = try await check.keys(accessKeyId: keyId, secret: form["secretAccessKey"] ?? "", mfaCode: form.text("mfaCode"))
        } else {
            method = .password
            verdict = try await check.password(
                account: form.text("account") ?? "", userName: form.text("userName") ?? "", password: form["password"] ?? "",
                mfaCode: form.text("mfaCode"))
        }
        if let prompt = verdict.prompt { return await signInForm(request, error: prompt, status: .unauthorized, form: form) }
        let now = Date()
        let host = request.head.authority ?? "localhost"
        func record(_ outcome: ConsoleSignIn.Outcome) -> ConsoleSignIn? {
            guard let account = verdict.account else { return nil }
            return ConsoleSignIn(
                account: account, principal: verdict.principal, method: method, outcome: outcome, mfaSerialNumber: verdict.mfa?.serial,
                loginTo: "\(Self.isSecure(request) ? "https" : "http")://\(host)/console/events", sourceIP: context.sourceIP,
                userAgent: request.headers[.userAgent] ?? "", time: now)
        }
        if verdict.signIn == .success, let principal = verdict.principal, let signIn = record(.success) {
            do {
                let issued = try await store.transaction(logger: context.logger) { tx in
                    if let mfa = verdict.mfa { _ = try await MFACodeCheck.verify(mfa, caller: principal, time: now, tx: tx, spend: true) }
                    let session = try await tx.sessions.issue(
                        .console, account: principal.account, userId: principal.type == .iamUser ? principal.principalId : nil,
                        userArn: principal.arn, name: "",
                        duration: principal.type == .root ? Self.rootSessionSeconds : Self.userSessionSeconds, sessionPolicy: nil,
                        policyArns: [], tags: [:], mfaAuthenticatedAt: verdict.mfa == nil ? nil : now, now: now)
                    try await tx.events.append(signIn.record(), at: now)
                    return session
                }
                var response = Self.redirect("/console/events")
                let seconds = Int(issued.expiresAt.timeIntervalSince(now))
                let session = ConsoleSession(accessKeyId: issued.accessKeyId, sessionToken: issued.sessionToken)
                response.headers.append(
                    HTTPField(
                        name: .setCookie,
                        value: Self.cookie(ConsoleSession.cookieName, session.cookieValue, maxAge: seconds, secure: Self.isSecure(request))))
                response.headers.append(HTTPField(name: .setCookie, value: Self.clearing(ConsoleSession.signInCookieName)))
                return response
            } catch let error as ServiceError where error == MFACodeCheck.refused {
                verdict.signIn = .failedAuthentication
            }
        }
        let refusal = record(verdict.signIn)
        if let refusal {
            try await store.transaction(logger: context.logger) { tx in try await tx.events.append(refusal.record(), at: now) }
        }
        let message = refusal?.message ?? "Failed authentication"
        return await signInForm(request, error: message, status: .unauthorized, form: form)
    }

    func signOut(_ caller: ConsoleCaller) async throws -> Response {
        try await store.transaction(logger: caller.logger) { tx in
            try await tx.sessions.endConsoleSession(accessKeyId: caller.session.accessKeyId)
        }
        // The credential cache must not keep serving the ended session.
        runner.caches.freshness.invalidate()
        var response = Self.redirect("/console/sign-in")
        response.headers.append(HTTPField(name: .setCookie, value: Self.clearing(ConsoleSession.cookieName)))
        return response
    }

    /// The region pages run in; one Cairn does not know is refused when the next page authenticates.
    func switchRegion(_ caller: ConsoleCaller) async throws -> Response {
        guard let region = caller.form.text("region"), RegionName.isValid(region) else { return Self.redirect("/console/events") }
        var response = Self.redirect(Self.returnPath(caller.form["returnTo"]))
        response.headers.append(
            HTTPField(name: .setCookie, value: Self.cookie(ConsoleSession.regionCookieName, region, maxAge: 43_200, secure: false)))
        return response
    }

    /// Only a console path may be returned to, never another site.
    static func returnPath(_ path: String?) -> String {
        guard let path, path.hasPrefix("/console/"), !path.hasPrefix("//"), !path.contains("\\"), !path.contains("\r"), !path.contains("\n")
        else { return "/console/events" }
        return path
    }
}
