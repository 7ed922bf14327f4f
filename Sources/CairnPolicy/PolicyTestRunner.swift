import Foundation

/// Runs `cairn policy test` suites: pure, so the CLI only lists and reads files and prints.
///
/// Two file shapes: `*.jsonl` holds one case object per line; any other file is a JSON object
/// `{"description": "…", "cases": [case, …]}`. A case that cannot be read fails on its own without hiding the
/// rest of its file.
package enum PolicyTestRunner {
    package struct Outcome: Sendable, Hashable, Codable {
        package var file: String
        /// Case name, or `#<index>` / `line <n>` when the case could not be read far enough to have one.
        package var name: String
        package var passed: Bool
        package var explanation: String?
    }

    package struct Report: Sendable, Hashable, Codable {
        package var outcomes: [Outcome]
        package var passed: Int { outcomes.filter(\.passed).count }
        package var failed: Int { outcomes.count - passed }
        /// The CI line: `N passed, M failed`.
        package var summary: String { "\(passed) passed, \(failed) failed" }
        package var succeeded: Bool { failed == 0 }
    }

    package static func run(files: [(name: String, contents: String)]) -> Report {
        var outcomes: [Outcome] = []
        for file in files.sorted(by: { $0.name < $1.name }) {
            outcomes += run(fileName: file.name, contents: file.contents)
        }
        return Report(outcomes: outcomes)
    }

    package static func run(fileName: String, contents: String) -> [Outcome] {
        var cases: [(label: String, json: JSONValue?, error: String?)] = []
        if fileName.hasSuffix(".jsonl") {
            for (n, line) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.allSatisfy(\.isWhitespace) { continue }
                do {
                    cases.append(("line \(n + 1)", try JSONParser.parse(String(line)), nil))
                } catch {
                    cases.append(("line \(n + 1)", nil, error.description))
                }
            }
        } else {
            do {
                let root = try JSONParser.parse(contents)
                guard case .object(let members) = root else {
                    return [Outcome(file: fileName, name: "(file)", passed: false, explanation: "a suite file must be an object with \"cases\"")]
                }
                for m in members where m.key != "cases" && m.key != "description" {
                    return [
                        Outcome(file: fileName, name: "(file)", passed: false, explanation: "\(m.key): unknown field (expected cases, description)")
                    ]
                }
                guard case .array(let items)? = members.first(where: { $0.key == "cases" })?.value else {
                    return [Outcome(file: fileName, name: "(file)", passed: false, explanation: "cases: missing required array")]
                }
                for (i, item) in items.enumerated() { cases.append(("cases[\(i)]", item, nil)) }
            } catch {
                return [Outcome(file: fileName, name: "(file)", passed: false, explanation: error.description)]
            }
        }
        return cases.map { label, json, error in
            guard let json else { return Outcome(file: fileName, name: label, passed: false, explanation: "\(label): \(error ?? "unreadable")") }
            return runCase(json, label: label, file: fileName)
        }
    }

    static func runCase(_ json: JSONValue, label: String, file: String) -> Outcome {
        var name = label
        if case .object(let members) = json, case .string(let n)? = members.first(where: { $0.key == "name" })?.value { name = n }
        let testCase: PolicyTestCase
        do {
            let data = try JSONEncoder().encode(json)
            testCase = try JSONDecoder().decode(PolicyTestCase.self, from: data)
        } catch let e as DecodingError {
            let (path, message) = e.pathAndMessage
            return Outcome(file: file, name: name, passed: false, explanation: "\(label)\(path.isEmpty ? "" : ".\(path)"): \(message)")
        } catch {
            return Outcome(file: file, name: name, passed: false, explanation: "\(label): \(error)")
        }
        do {
            let result = try PolicySimulation.run(testCase.input)
            let mismatch = testCase.mismatch(result)
            return Outcome(file: file, name: name, passed: mismatch == nil, explanation: mismatch)
        } catch {
            return Outcome(file: file, name: name, passed: false, explanation: "input.\(error.description)")
        }
    }
}
