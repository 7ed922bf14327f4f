import CairnPolicy
import Crypto
import Foundation

/// What the browser holds of a console session: the temporary access key id and its session token, in one
/// HttpOnly, SameSite=Strict cookie. The secret access key never leaves the server; the token alone proves the
/// session, as it does for STS credentials, and is compared only as its SHA-256.
struct ConsoleSession: Sendable, Equatable {
    static let cookieName = "cairn-console"
    /// The region pages run in, chosen with the region switcher; not a secret.
    static let regionCookieName = "cairn-console-region"
    /// The sign-in form's own CSRF token (double-submit: this cookie and the form field must match), since there
    /// is no session yet to derive one from.
    static let signInCookieName = "cairn-console-sign-in"

    let accessKeyId: String
    let sessionToken: String

    init(accessKeyId: String, sessionToken: String) {
        self.accessKeyId = accessKeyId
        self.sessionToken = sessionToken
    }

    /// `<access key id>.<session token>`; anything else is no session.
    init?(cookie: String) {
        guard let dot = cookie.firstIndex(of: ".") else { return nil }
        let id = String(cookie[..<dot]), token = String(cookie[cookie.index(after: dot)...])
        guard id.hasPrefix("ASIA"), id.count == 20, !token.isEmpty, token.count <= 1_024 else { return nil }
        self.init(accessKeyId: id, sessionToken: token)
    }

    var cookieValue: String { "\(accessKeyId).\(sessionToken)" }

    /// The token every form of this session carries: an HMAC of the session token, so it needs no storage, differs
    /// per session, and cannot be computed by a page that cannot read the HttpOnly cookie.
    var csrfToken: String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("cairn-console-csrf".utf8), using: SymmetricKey(data: Data(sessionToken.utf8)))
        return Hexadecimal.string(mac)
    }

    func accepts(csrf: String?) -> Bool {
        guard let csrf else { return false }
        return SigV4Request.constantTimeEquals(csrf, csrfToken)
    }

    /// A fresh random token for the sign-in form's double-submit cookie.
    static func newSignInToken() -> String {
        var g = SystemRandomNumberGenerator()
        return Hexadecimal.string((0..<32).map { _ in UInt8.random(in: 0...255, using: &g) })
    }
}
