package import Crypto
import Foundation
import PostgresNIO

extension Transaction {
    package var kmsKeys: KMSKeyRepository { KMSKeyRepository(tx: self) }
}

/// The key encryption keys standing in for KMS keys: made on first use of a KMS key ARN, kept sealed.
package struct KMSKeyRepository: Sendable {
    let tx: Transaction

    /// The key for `arn`, made now if it has none (another process racing here ends with the same key).
    package func key(for arn: String) async throws -> SymmetricKey {
        if let existing = try await existing(arn) { return existing }
        let fresh = SymmetricKey(size: .bits256)
        let sealed = try tx.secrets.seal(fresh.withUnsafeBytes { Data($0) }.base64EncodedString())
        try await tx.query("INSERT INTO kms_keys (key_arn, sealed_key) VALUES (\(arn), \(sealed)) ON CONFLICT DO NOTHING")
        guard let stored = try await existing(arn) else { throw KMSKeyError.unreadable(arn) }
        return stored
    }

    /// Every key, by ARN: what `cairn decrypt` and `cairn validate-logs` open files with.
    package func all() async throws -> [String: SymmetricKey] {
        var out: [String: SymmetricKey] = [:]
        for try await (arn, sealed) in try await tx.query("SELECT key_arn, sealed_key FROM kms_keys").decode((String, Data).self) {
            out[arn] = try open(sealed, arn)
        }
        return out
    }

    private func existing(_ arn: String) async throws -> SymmetricKey? {
        for try await sealed in try await tx.query("SELECT sealed_key FROM kms_keys WHERE key_arn = \(arn)").decode(Data.self) {
            return try open(sealed, arn)
        }
        return nil
    }

    private func open(_ sealed: Data, _ arn: String) throws -> SymmetricKey {
        guard let raw = Data(base64Encoded: try tx.secrets.open(sealed)), raw.count == 32 else { throw KMSKeyError.unreadable(arn) }
        return SymmetricKey(data: raw)
    }
}

package enum KMSKeyError: Error {
    case unreadable(String)
}
