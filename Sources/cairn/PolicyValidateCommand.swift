import ArgumentParser
import CairnCore
import CairnPolicy
import Foundation

extension PolicyCommand {
    /// `cairn policy validate`: Access Analyzer's ValidatePolicy offline, for CI. Findings print as text,
    /// as Access Analyzer's JSON, or as SARIF for code-scanning uploads; the exit status says whether any
    /// finding reached `--fail-on`.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate policy documents as IAM Access Analyzer does; exit 1 when a finding reaches --fail-on.",
            discussion: """
                Exit status: 0 no finding at or above --fail-on, 1 at least one, 2 a file could not be read or \
                an option is wrong. --format json prints {"findings": […]} for one file (the shape of \
                `aws accessanalyzer validate-policy`) and one {"file", "findings"} line per file for several.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, sarif }

        @Option(help: "identity, resource, trust, scp or rcp (or Access Analyzer's IDENTITY_POLICY, …).")
        var type: String = "identity"

        @Option(help: "text, json or sarif.")
        var format: Format = .text

        @Option(help: "The lowest finding type that fails the run: error, security-warning, warning or suggestion.")
        var failOn: String = "error"

        @Argument(help: "Policy document files, or - for standard input.")
        var files: [String]

        func validate() throws {
            guard Self.kind(type) != nil else { throw ValidationError("--type '\(type)' is not a policy type") }
            guard Self.threshold(failOn) != nil else { throw ValidationError("--fail-on '\(failOn)' is not a finding type") }
            guard !files.isEmpty else { throw ValidationError("name at least one policy file") }
        }

        static func kind(_ name: String) -> (PolicyValidator.PolicyKind, String?)? {
            switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
            case "identity", "identity-policy", "boundary", "session": (.identity, nil)
            case "resource", "resource-policy": (.resource, nil)
            case "trust", "assumerolepolicy": (.resource, "AWS::IAM::AssumeRolePolicyDocument")
            case "scp", "service-control-policy": (.serviceControl, nil)
            case "rcp", "resource-control-policy": (.resourceControl, nil)
            default: nil
            }
        }

        static func threshold(_ name: String) -> PolicyFinding.FindingType? {
            PolicyFinding.FindingType(rawValue: name.uppercased().replacingOccurrences(of: "-", with: "_"))
        }

        func run() throws {
            let (kind, resourceType) = Self.kind(type)!
            let failAt = Self.threshold(failOn)!
            let validator = PolicyValidator(catalogue: ServiceCatalogue.aws.adding(actions: OperationCatalogue.all.map(\.action)))
            var reports: [(path: String, findings: [PolicyFinding])] = []
            for file in files {
                guard let data = try? PolicyFiles.read(file) else {
                    FileHandle.standardError.write(Data("\(file): cannot be read\n".utf8))
                    throw ExitCode(2)
                }
                let text = String(decoding: data, as: UTF8.self)
                reports.append((file, validator.validate(text, kind: kind, resourceType: resourceType)))
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            switch format {
            case .text:
                for (file, findings) in reports {
                    if findings.isEmpty { print("\(file): ok") }
                    for f in findings {
                        let at = f.locations.first.map { ":\($0.span.start.line):\($0.span.start.column + 1)" } ?? ""
                        print("\(file)\(at): \(f.findingType.rawValue) \(f.issueCode): \(f.findingDetails)")
                    }
                }
            case .json:
                for (file, findings) in reports {
                    let line: Data =
                        reports.count == 1
                        ? try encoder.encode(["findings": findings])
                        : try encoder.encode(FileFindings(file: file, findings: findings))
                    print(String(decoding: line, as: UTF8.self))
                }
            case .sarif:
                encoder.outputFormatting.insert(.prettyPrinted)
                print(String(decoding: try encoder.encode(SARIFReport.render(reports, toolVersion: "1")), as: UTF8.self))
            }
            if reports.contains(where: { $0.findings.contains { $0.findingType <= failAt } }) { throw ExitCode(1) }
        }

        struct FileFindings: Encodable {
            var file: String
            var findings: [PolicyFinding]
        }
    }
}
