package import Crypto
package import Foundation

/// Seals stored secrets (secret access keys, session secrets) with AES-GCM under the master key, so a copy
/// of the database alone reveals no credential.
package struct SecretBox: Sendable {
    private let key: SymmetricKey

    package init(key: SymmetricKey) { self.key = key }

    package func seal(_ secret: String) throws -> Data {
        guard let combined = try AES.GCM.seal(Data(secret.utf8), using: key).combined else {
            throw SecretBoxError.sealFailed
        }
        return combined
    }

    package func open(_ sealed: Data) throws -> String {
        let box = try AES.GCM.SealedBox(combined: sealed)
        return String(decoding: try AES.GCM.open(box, using: key), as: UTF8.self)
    }

    /// Reads the master key (32 bytes, base64) from a file, or creates one (mode 0600) when it does not exist
    /// and `create` is true — the development default under the data directory.
    package static func loadKey(at path: String, create: Bool) throws -> SymmetricKey {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let data = Data(base64Encoded: text), data.count == 32 else { throw SecretBoxError.badKeyFile(path) }
            return SymmetricKey(data: data)
        }
        guard create else { throw SecretBoxError.missingKeyFile(path) }
        let key = SymmetricKey(size: .bits256)
        let encoded = key.withUnsafeBytes { Data($0) }.base64EncodedString() + "\n"
        try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard fm.createFile(atPath: path, contents: Data(encoded.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw SecretBoxError.cannotWrite(path)
        }
        return key
    }
}

package enum SecretBoxError: Error, CustomStringConvertible {
    case sealFailed
    case badKeyFile(String)
    case missingKeyFile(String)
    case cannotWrite(String)

    package var description: String {
        switch self {
        case .sealFailed: "could not seal a secret"
        case .badKeyFile(let p): "the master key file \(p) must hold 32 bytes in base64"
        case .missingKeyFile(let p): "the master key file \(p) does not exist"
        case .cannotWrite(let p): "could not write the master key file \(p)"
        }
    }
}
