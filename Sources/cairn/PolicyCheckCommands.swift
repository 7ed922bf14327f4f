import ArgumentParser
import CairnPolicy
import Foundation

extension PolicyCommand {
    /// `cairn policy check-no-new-access EXISTING NEW`: Access Analyzer's CheckNoNewAccess offline.
    struct CheckNoNewAccess: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-no-new-access",
            abstract: "PASS (exit 0) when NEW grants nothing EXISTING does not; FAIL (exit 1) names the statements.")

        @Argument(help: "The existing (or reference) policy.")
        var existing: String

        @Argument(help: "The new policy.")
        var new: String

        func run() throws {
            let outcome = CustomPolicyChecks.noNewAccess(new: try PolicyCheckFiles.document(new), existing: try PolicyCheckFiles.document(existing))
            try PolicyCheckFiles.print(
                outcome)
        }
    }

    /// `cairn policy check-access-not-granted POLICY --action … --resource …`: CheckAccessNotGranted offline.
    struct CheckAccessNotGranted: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-access-not-granted",
            abstract: "PASS (exit 0) when POLICY cannot grant the listed actions on the listed resources; FAIL (exit 1) otherwise.")

        @Argument(help: "The policy to check.")
        var policy: String

        @Option(name: .customLong("action"), help: "An action (repeatable); none means any action on the resources.")
        var actions: [String] = []

        @Option(name: .customLong("resource"), help: "A resource ARN (repeatable); none means the actions on any resource.")
        var resources: [String] = []

        func validate() throws {
            guard !actions.isEmpty || !resources.isEmpty else { throw ValidationError("name at least one --action or --resource") }
        }

        func run() throws {
            let outcome = CustomPolicyChecks.accessNotGranted(try PolicyCheckFiles.document(policy), actions: actions, resources: resources)
            try PolicyCheckFiles.print(
                outcome)
        }
    }
}

extension PolicyCommand {
    /// `cairn policy check-no-public-access POLICY`: CheckNoPublicAccess offline.
    struct CheckNoPublicAccess: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-no-public-access",
            abstract: "PASS (exit 0) when the resource policy lets in only callers it names; FAIL (exit 1) otherwise.")

        @Argument(help: "The resource policy (a role trust policy, a queue or bucket policy, …).")
        var policy: String

        func run() throws {
            try PolicyCheckFiles.print(
                CustomPolicyChecks.noPublicAccess(try PolicyCheckFiles.document(policy)))
        }
    }
}

/// Reading and answering for the check commands: Access Analyzer's result JSON on standard output.
enum PolicyCheckFiles {
    /// A policy file parsed; an unreadable or invalid one ends the run with exit status 2.
    static func document(_ path: String) throws -> PolicyDocument {
        do {
            return try PolicyDocument.parse(String(decoding: try PolicyFiles.read(path), as: UTF8.self))
        } catch {
            FileHandle.standardError.write(Data("\(path): not a policy document: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    struct Result: Encodable {
        var result: String
        var message: String
        var reasons: [CustomPolicyChecks.Reason]
    }

    static func print(_ outcome: CustomPolicyChecks.Outcome) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let result = Result(result: outcome.result, message: outcome.message, reasons: outcome.reasons)
        Swift.print(String(decoding: try encoder.encode(result), as: UTF8.self))
        if !outcome.passed { throw ExitCode(1) }
    }
}
