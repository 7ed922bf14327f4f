import CairnCore
import CairnStore
import Foundation

/// ListPublicKeys: the public halves of the calling region's digest-signing keys, so anyone holding a digest
/// (aws cloudtrail validate-logs, `cairn validate-logs`) can check its signature.
enum PublicKeyOperations {
    struct Input: OperationInput, Codable {
        var StartTime: Date?
        var EndTime: Date?
        var NextToken: String?
    }

    struct Key: Encodable, Sendable {
        var Value: Data
        var ValidityStartTime: Date
        var ValidityEndTime: Date?
        var Fingerprint: String
    }

    struct Output: OperationOutput, Encodable {
        var PublicKeyList: [Key]
    }

    /// Without times, the current key; with them, every key valid at some point in the range. A range that
    /// ends before it starts, or lies outside 1970–9999, is InvalidTimeRangeException, as in AWS.
    static let listPublicKeys = Operation<Input, Output>(OperationCatalogue.Trails.listPublicKeys) { input, ctx in
        if input.NextToken != nil {
            throw ServiceError(code: "InvalidTokenException", status: 400, message: "Reset the token and try again.")
        }
        let rows: [DigestRepository.SigningKeyRow]
        if input.StartTime == nil && input.EndTime == nil {
            rows = try await ctx.tx.digests.signingKeys(region: ctx.facts.region, from: nil, to: nil)
        } else {
            let start = input.StartTime ?? ctx.facts.time, end = input.EndTime ?? ctx.facts.time
            // A client can send any number of seconds; beyond these years no key exists, and the database
            // driver cannot even represent the instant (it would trap, not refuse).
            let possible = Date(timeIntervalSince1970: 0)...Date(timeIntervalSince1970: 253_402_300_799)
            guard start <= end, possible.contains(start), possible.contains(end) else {
                throw ServiceError(
                    code: "InvalidTimeRangeException", status: 400,
                    message:
                        "Occurs if the timestamp values are not valid. Either the start time occurs after the end time, or the time range is outside the range of possible values."
                )
            }
            rows = try await ctx.tx.digests.signingKeys(region: ctx.facts.region, from: start, to: end)
        }
        return Output(
            PublicKeyList: rows.map {
                Key(Value: $0.publicKey, ValidityStartTime: $0.validFrom, ValidityEndTime: $0.validUntil, Fingerprint: $0.fingerprint)
            })
    }
}
