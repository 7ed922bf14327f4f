import ArgumentParser
import CairnServer
import Foundation

/// `cairn decrypt`: the readable `.json.gz` of a log or digest file a trail with a KMS key id delivered.
struct DecryptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt", abstract: "Decrypt a log or digest file delivered by a trail with a KMS key; writes its gzip content.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The encrypted file.")
    var input: String

    @Option(name: .customLong("output"), help: "Where to write the .json.gz (default: standard output).")
    var output: String?

    func run() async throws {
        let logger = common.makeLogger()
        try await FailureReport.exitOnFailure {
            let sealed: Data
            do { sealed = try Data(contentsOf: URL(fileURLWithPath: input)) } catch {
                throw ConfigurationError("cannot read \(input)")
            }
            let plain = try await CairnRuntime.decrypt(try common.configuration(), sealed, logger: logger)
            if let output {
                try plain.write(to: URL(fileURLWithPath: output))
            } else {
                FileHandle.standardOutput.write(plain)
            }
        }
    }
}
