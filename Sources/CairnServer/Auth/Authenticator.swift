import CairnCore
import CairnStore
import Foundation
import Logging

/// Turns a signed request into a principal, or refuses it with AWS's codes. The secret is unsealed only to
/// recompute the signature and never leaves this type.
struct Authenticator: Sendable {
    let store: Store
    var credentials: FreshCache<String, (AccessKeyRecord?, Bool)>? = nil
    let signingKeys = SigningKeyCache()
    /// AWS accepts a request whose X-Amz-Date is within 15 minutes of its own clock.
    static let allowedSkew: TimeInterval = 15 * 60

    struct Authenticated: Sendable {
        let principal: Principal
        let region: String
        let service: Service
        /// The account's and its organization's policy epochs as of this request: cached policies built at
        /// other epochs are stale.
        let policyEpoch: Int64
        let organizationEpoch: Int64
    }

    func authenticate(_ request: SigV4Request, now: Date, logger: Logger) async throws -> Authenticated {
        let claim = try request.claim()
        guard let signed = Authenticator.parseTimestamp(claim.timestamp) else {
            throw ServiceError.incompleteSignature("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
        }
        if claim.presigned {
            if let expires = claim.expires, now.timeIntervalSince(signed) > TimeInterval(expires) {
                throw ServiceError(code: "AccessDeniedException", status: 403, message: "Request has expired")
            }
            if signed.timeIntervalSince(now) > Authenticator.allowedSkew {
                throw ServiceError.signatureNotYetCurrent(
                    signed: claim.timestamp, now: Authenticator.format(now),
                    latest: Authenticator.format(now + Authenticator.allowedSkew))
            }
        } else if now.timeIntervalSince(signed) > Authenticator.allowedSkew {
            throw ServiceError.signatureExpired(
                signed: claim.timestamp, now: Authenticator.format(now),
                earliest: Authenticator.format(now - Authenticator.allowedSkew))
        } else if signed.timeIntervalSince(now) > Authenticator.allowedSkew {
            throw ServiceError.signatureNotYetCurrent(
                signed: claim.timestamp, now: Authenticator.format(now),
                latest: Authenticator.format(now + Authenticator.allowedSkew))
        }
        guard let service = Service(signingName: claim.service) else {
            throw ServiceError.wrongSigningService(claim.service)
        }
        guard AccessKeyFormat.isPlausibleId(claim.accessKeyId) else { throw ServiceError.unrecognizedClient }
        let (found, regionKnown) = try await lookup(accessKeyId: claim.accessKeyId, region: claim.region, logger: logger)
        guard let key = found, key.active else { throw ServiceError.unrecognizedClient }
        // Temporary credentials are only valid with their own session token; long-term keys carry none, and one sent
        // with them is a forged or stale token.
        guard Self.sessionTokenMatches(claim.sessionToken, key) else { throw ServiceError.unrecognizedClient }
        guard request.verify(claim, signingKey: signingKeys.key(for: claim, secret: key.secret)) else { throw ServiceError.signatureMismatch }
        return try Self.admit(key, region: claim.region, regionKnown: regionKnown, service: service, now: now)
    }

    /// Whether `token` is the credential's own session token (compared as its SHA-256, in constant time), or both
    /// are absent.
    static func sessionTokenMatches(_ token: String?, _ key: AccessKeyRecord) -> Bool {
        switch (token, key.sessionTokenSHA256) {
        case (nil, nil): true
        case (let token?, let hash?): SigV4Request.constantTimeEquals(SessionRepository.storedDigest(of: token), hash)
        default: false
        }
    }

    /// What every proven credential must still pass, whichever way it was proven (a signature, a console session): a
    /// region that exists, credentials not expired, an active account.
    static func admit(_ key: AccessKeyRecord, region: String, regionKnown: Bool, service: Service, now: Date) throws -> Authenticated {
        guard regionKnown else { throw ServiceError.unknownRegion(region) }
        if let expiry = key.expiresAt, expiry <= now { throw ServiceError.expiredToken }
        guard key.accountActive else { throw ServiceError.accountSuspended(key.principal.account.value) }
        return Authenticated(
            principal: key.principal, region: region, service: service, policyEpoch: key.policyEpoch, organizationEpoch: key.organizationEpoch)
    }

    /// The credential and whether the scope's region exists: from memory while fresh, else one round trip.
    func lookup(accessKeyId: String, region: String, logger: Logger) async throws -> (AccessKeyRecord?, Bool) {
        let read = { [store] in
            try await store.read(logger: logger) { tx in try await tx.accessKeys.lookup(accessKeyId, region: region) }
        }
        guard let credentials else { return try await read() }
        return try await credentials.value(for: accessKeyId + "|" + region, load: read)
    }

    static func parseTimestamp(_ s: String) -> Date? { UTCTimestamp.parseCompact(s) }

    static func format(_ d: Date) -> String { UTCTimestamp.compact(d) }
}
