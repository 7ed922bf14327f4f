package import Crypto
package import Foundation

/// How a trail with a KMS key id stores its files: the gzip bytes sealed with a fresh AES-256-GCM data key,
/// which is itself sealed with the key Cairn keeps for that KMS key ARN.
///
/// Layout: the line `CAIRN-ENVELOPE-1`, one line of JSON `{"algorithm","kmsKeyId","wrappedKey"}`, then the
/// sealed bytes (nonce, ciphertext, tag). Hashes in digests are of the plaintext JSON, as with SSE-KMS.
package enum FileEnvelope {
    static let magic = Data("CAIRN-ENVELOPE-1\n".utf8)

    private struct Header: Codable {
        let algorithm: String
        let kmsKeyId: String
        let wrappedKey: String
    }

    package static func seal(_ plaintext: Data, keyArn: String, with keyEncryptionKey: SymmetricKey) throws -> Data {
        let dataKey = SymmetricKey(size: .bits256)
        guard let wrapped = try AES.GCM.seal(dataKey.withUnsafeBytes { Data($0) }, using: keyEncryptionKey).combined,
            let sealed = try AES.GCM.seal(plaintext, using: dataKey).combined
        else { throw FileEnvelopeError.sealFailed }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let header = try encoder.encode(Header(algorithm: "AES-256-GCM", kmsKeyId: keyArn, wrappedKey: wrapped.base64EncodedString()))
        return magic + header + Data("\n".utf8) + sealed
    }

    package static func isSealed(_ data: Data) -> Bool { data.starts(with: magic) }

    /// The KMS key ARN a sealed file names.
    package static func keyArn(of data: Data) -> String? { try? header(data).0.kmsKeyId }

    /// Opens a sealed file with the keys Cairn keeps (by KMS key ARN); a file that is not sealed comes back as is.
    package static func open(_ data: Data, keys: [String: SymmetricKey]) throws -> Data {
        guard isSealed(data) else { return data }
        let (header, body) = try header(data)
        guard let key = keys[header.kmsKeyId] else { throw FileEnvelopeError.unknownKey(header.kmsKeyId) }
        guard let wrapped = Data(base64Encoded: header.wrappedKey) else { throw FileEnvelopeError.malformed }
        do {
            let dataKey = SymmetricKey(data: try AES.GCM.open(try AES.GCM.SealedBox(combined: wrapped), using: key))
            return try AES.GCM.open(try AES.GCM.SealedBox(combined: body), using: dataKey)
        } catch {
            throw FileEnvelopeError.tampered
        }
    }

    private static func header(_ data: Data) throws -> (Header, Data) {
        let rest = data.dropFirst(magic.count)
        guard let newline = rest.firstIndex(of: UInt8(ascii: "\n")) else { throw FileEnvelopeError.malformed }
        guard let header = try? JSONDecoder().decode(Header.self, from: Data(rest[rest.startIndex..<newline])) else {
            throw FileEnvelopeError.malformed
        }
        return (header, Data(rest[rest.index(after: newline)...]))
    }
}

package enum FileEnvelopeError: Error, Equatable {
    case sealFailed
    case malformed
    case tampered
    case unknownKey(String)
}
