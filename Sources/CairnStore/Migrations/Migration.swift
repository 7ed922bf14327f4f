import CairnPolicy
import Crypto
package import Foundation

/// One forward-only migration file, `NNNN_description.sql`.
package struct Migration: Sendable, Equatable {
    package let version: Int
    package let name: String
    package let sql: String

    /// SHA-256 of the file's text: an applied migration whose file later changes is refused, because the
    /// database no longer matches what the file claims it did.
    package var checksum: String {
        Hexadecimal.string(SHA256.hash(data: Data(sql.utf8)))
    }

    package var fileName: String { name }

    /// Reads every `NNNN_*.sql` file of a directory, in version order.
    package static func load(from directory: URL) throws -> [Migration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var migrations: [Migration] = []
        for name in names where name.hasSuffix(".sql") {
            guard let version = Int(name.prefix(while: { $0.isNumber })), name.first?.isNumber == true else {
                throw MigrationError.badFileName(name)
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (a, b) in zip(migrations, migrations.dropFirst()) where a.version == b.version {
            throw MigrationError.duplicateVersion(a.name, b.name)
        }
        return migrations
    }

    /// Where the migrations are: `CAIRN_MIGRATIONS_DIR`, `./migrations`, or beside the executable's checkout.
    package static func locateDirectory(explicit: String?, executablePath: String) -> URL? {
        var candidates: [URL] = []
        if let explicit { candidates.append(URL(fileURLWithPath: explicit)) }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("migrations"))
        var dir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent("migrations"))
            dir = dir.deletingLastPathComponent()
        }
        if explicit != nil { return candidates[0] }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("0001_foundation.sql").path) }
    }
}

package enum MigrationError: Error, Equatable, CustomStringConvertible {
    case badFileName(String)
    case duplicateVersion(String, String)
    case changedAfterApply(String)
    case missingFile(version: Int, name: String)
    case failed(String, statement: Int, reason: String)

    package var description: String {
        switch self {
        case .badFileName(let n): "migration file \(n) does not start with a version number (NNNN_name.sql)"
        case .duplicateVersion(let a, let b): "migrations \(a) and \(b) have the same version number"
        case .changedAfterApply(let n): "migration \(n) was changed after it was applied; restore the original file and add a new migration instead"
        case .missingFile(let v, let n): "migration \(n) (version \(v)) is recorded as applied but its file is missing"
        case .failed(let n, let i, let r): "migration \(n) failed at statement \(i + 1): \(r)"
        }
    }
}
