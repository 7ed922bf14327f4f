import CairnCore
import CairnStore
import Foundation

/// The documents tests/saml/saml_fixtures.py writes: keys, metadata and SAML Responses signed by Python's signxml,
/// generated once per test run into a fresh temporary directory, so the verifier meets signatures made by an
/// implementation other than its own and timestamps that are current.
enum SAMLFixtures {
    struct GenerationFailed: Error, CustomStringConvertible {
        let description: String
    }

    static let directory: Result<URL, GenerationFailed> = generate()

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.get().appendingPathComponent(name), encoding: .utf8)
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try text(name).utf8)
    }

    /// The DER inside a PEM certificate file.
    static func certificateDER(_ name: String) throws -> [UInt8] {
        let body = try text(name).split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        guard let der = Base64Text.decode(body) else { throw GenerationFailed(description: "\(name) is not PEM") }
        return der
    }

    /// A fresh set whose Role attributes name roles and the provider `ExampleIdP` in `account`: what an
    /// AssumeRoleWithSAML test presents to a server whose tenant has that account.
    static func generated(for account: String) throws -> URL {
        try generate(account: account).get()
    }

    private static func generate(account: String? = nil) -> Result<URL, GenerationFailed> {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let script = packageRoot.appendingPathComponent("tests/saml/saml_fixtures.py")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-saml-fixtures-\(UUID().uuidString)")
        do {
            let result = try ProcessRunner.run(
                "python3", [script.path, output.path] + (account.map { [$0] } ?? []), searchPath: ProcessInfo.processInfo.environment["PATH"])
            guard result.status == 0 else {
                return .failure(GenerationFailed(description: "saml_fixtures.py failed (pip install signxml cryptography?): \(result.output)"))
            }
        } catch {
            return .failure(GenerationFailed(description: "could not run python3: \(error)"))
        }
        return .success(output)
    }
}
