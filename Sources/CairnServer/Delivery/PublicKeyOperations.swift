import CairnCore
import CairnStore
import Foundation

/// ListPublicKeys: the public halves of the calling region's digest-signing keys, so anyone holding a digest
/// (aws cloudtrail validate-logs, `cairn validate-logs`) can check its signature.
struct PublicKeyOperations: Sendable {
    let runner: OperationRunner

    struct PublicKey: Sendable {
        let value: Data
        let validityStartTime: Date
        let validityEndTime: Date?
        let fingerprint: String
    }

    /// Without times, the current key; with them, every key valid at some point in the range. A range that
    /// ends before it starts, or lies outside 1970–9999, is InvalidTimeRangeException, as in AWS.
    func list(startTime: Date?, endTime: Date?, nextToken: String?, parameters: JSONValue?) async throws -> [PublicKey] {
        try await runner.run(OperationCatalogue.Trails.listPublicKeys, parameters: parameters) { tx, facts in
            if nextToken != nil {
                throw ServiceError(code: "InvalidTokenException", status: 400, message: "Reset the token and try again.")
            }
            let rows: [DigestRepository.SigningKeyRow]
            if startTime == nil && endTime == nil {
                rows = try await tx.digests.signingKeys(region: facts.region, from: nil, to: nil)
            } else {
                let start = startTime ?? facts.time, end = endTime ?? facts.time
                // A client can send any number of seconds; beyond these years no key exists, and the database
                // driver cannot even represent the instant (it would trap, not refuse).
                let possible = Date(timeIntervalSince1970: 0)...Date(timeIntervalSince1970: 253_402_300_799)
                guard start <= end, possible.contains(start), possible.contains(end) else {
                    throw ServiceError(
                        code: "InvalidTimeRangeException", status: 400,
                        message: "Occurs if the timestamp values are not valid. Either the start time occurs after the end time, or the time range is outside the range of possible values.")
                }
                rows = try await tx.digests.signingKeys(region: facts.region, from: start, to: end)
            }
            return .init(rows.map {
                PublicKey(value: $0.publicKey, validityStartTime: $0.validFrom, validityEndTime: $0.validUntil, fingerprint: $0.fingerprint)
            })
        }
    }
}

/// ListPublicKeys' wire shapes, as botocore's model names them.
enum PublicKeysJSON {
    /// Timestamps arrive as epoch seconds (JSON 1.1).
    struct Input: Decodable, Sendable {
        var StartTime: Double?
        var EndTime: Double?
        var NextToken: String?
    }

    struct Key: Encodable, Sendable {
        var Value: Data
        var ValidityStartTime: Date
        var ValidityEndTime: Date?
        var Fingerprint: String
    }

    struct Output: Encodable, Sendable {
        var PublicKeyList: [Key]

        init(_ keys: [PublicKeyOperations.PublicKey]) {
            PublicKeyList = keys.map { Key(Value: $0.value, ValidityStartTime: $0.validityStartTime, ValidityEndTime: $0.validityEndTime, Fingerprint: $0.fingerprint) }
        }
    }
}
