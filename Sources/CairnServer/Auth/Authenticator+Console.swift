import CairnCore
import Foundation
import Logging

/// The console's door into authentication: a session cookie instead of a signature, checked against the same
/// credential lookup (and cache) and the same admission rules SigV4 uses, so a console call is the signed-in
/// principal's call in every way.
extension Authenticator {
    func authenticate(console session: ConsoleSession, region: String, now: Date, logger: Logger) async throws -> Authenticated {
        let (found, regionKnown) = try await lookup(accessKeyId: session.accessKeyId, region: region, logger: logger)
        guard let key = found, key.active, key.principal.session?.fromConsole == true, Self.sessionTokenMatches(session.sessionToken, key)
        else { throw ServiceError.unrecognizedClient }
        return try Self.admit(key, region: region, regionKnown: regionKnown, service: .cairn, now: now)
    }
}
