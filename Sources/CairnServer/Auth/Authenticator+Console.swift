import CairnCore
import Crypto
import Foundation
import Logging

/// The console's door into authentication: a session cookie instead of a signature, checked against the same
/// credential lookup (and cache) SigV4 uses, so a console call is the signed-in principal's call in every way.
extension Authenticator {
    func authenticate(console session: ConsoleSession, region: String, now: Date, logger: Logger) async throws -> Authenticated {
        let (found, regionKnown) = try await lookup(accessKeyId: session.accessKeyId, region: region, logger: logger)
        guard let key = found, key.active, key.principal.session?.fromConsole == true, let tokenHash = key.sessionTokenSHA256,
            SigV4Request.constantTimeEquals(SigV4Request.hex(SHA256.hash(data: Data(session.sessionToken.utf8))), tokenHash)
        else { throw ServiceError.unrecognizedClient }
        if let expiry = key.expiresAt, expiry <= now { throw ServiceError.expiredToken }
        guard key.accountActive else { throw ServiceError.accountSuspended(key.principal.account.value) }
        guard regionKnown else { throw ServiceError.unknownRegion(region) }
        return Authenticated(
            principal: key.principal, region: region, service: .cairn, policyEpoch: key.policyEpoch, organizationEpoch: key.organizationEpoch)
    }
}
