import ArgumentParser
import CairnPolicy
import Foundation

/// `cairn policy …`: the policy engine offline — no server, no database — for policy-as-code checks in CI.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Evaluate, lint and test IAM policies offline.",
        subcommands: [Simulate.self, Validate.self, CheckNoNewAccess.self, CheckAccessNotGranted.self, CheckNoPublicAccess.self, RunTests.self])

    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate one simulation request (docs/policy.md) and print the decision as JSON.")

        @Argument(help: "A request file, or - for standard input.")
        var file: String = "-"

        @Flag(help: "Read one request per line and print one result per line, in order.")
        var jsonl = false

        func run() throws {
            let input = try PolicyFiles.read(file)
            if jsonl {
                FileHandle.standardOutput.write(Data(PolicySimulation.runLines(String(decoding: input, as: UTF8.self)).utf8))
                return
            }
            do {
                var out = try PolicySimulation.run(requestJSON: input)
                out.append(0x0A)
                FileHandle.standardOutput.write(out)
            } catch {
                FileHandle.standardError.write(Data("cairn policy simulate: \(error.description)\n".utf8))
                throw ExitCode(2)
            }
        }
    }

    struct RunTests: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run policy test suites (*.json, *.jsonl) under a directory; the last line is 'N passed, M failed'.")

        @Argument(help: "Directory of test files.")
        var directory: String

        func run() throws {
            let root = URL(fileURLWithPath: directory)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
                throw ValidationError("cannot read directory \(directory)")
            }
            var files: [(name: String, contents: String)] = []
            for case let url as URL in walker where url.pathExtension == "json" || url.pathExtension == "jsonl" {
                let name = String(url.path.dropFirst(root.path.count).drop(while: { $0 == "/" }))
                files.append((name, try String(contentsOf: url, encoding: .utf8)))
            }
            let report = PolicyTestRunner.run(files: files)
            for outcome in report.outcomes where !outcome.passed {
                print("FAIL \(outcome.file) \(outcome.name): \(outcome.explanation ?? "")")
            }
            print(report.summary)
            if !report.succeeded || report.outcomes.isEmpty { throw ExitCode(1) }
        }
    }
}

/// Reads a named file, or standard input for `-`, with a one-line error.
enum PolicyFiles {
    static func read(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
        return data
    }
}
