package import Foundation

/// The pure entry point behind `cairn policy simulate` and `POST /v1/policy/simulate`: JSON in, JSON out,
/// no I/O. Invalid input is a `SimulationError` naming the field, never a decision.
package enum PolicySimulation {
    /// Decodes, compiles and evaluates one request.
    package static func run(requestJSON: Data) throws(SimulationError) -> Data {
        let result = try run(try decode(requestJSON))
        return encode(result)
    }

    package static func run(_ request: SimulationRequest) throws(SimulationError) -> SimulationResult {
        let (auth, bundle, warnings) = try compile(request)
        return SimulationResult(PolicyEvaluator.evaluate(auth, bundle), warnings: warnings)
    }

    /// `--jsonl`: one request per line in, one line out per request — a result, or `{"error": "…"}` for a line
    /// that could not be evaluated. Blank lines are skipped.
    package static func runLines(_ text: String) -> String {
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            do {
                let data = try run(requestJSON: Data(trimmed.utf8))
                out.append(String(decoding: data, as: UTF8.self))
            } catch {
                let e = try? JSONEncoder().encode(["error": error.description])
                out.append(String(decoding: e ?? Data(), as: UTF8.self))
            }
        }
        return out.joined(separator: "\n") + (out.isEmpty ? "" : "\n")
    }

    package static func decode(_ data: Data) throws(SimulationError) -> SimulationRequest {
        // Our own reader first: byte offsets for syntax errors, duplicate-member and depth checks.
        do {
            _ = try JSONParser.parse(bytes: [UInt8](data))
        } catch {
            throw SimulationError(path: "", message: error.description)
        }
        do {
            return try JSONDecoder().decode(SimulationRequest.self, from: data)
        } catch let e as DecodingError {
            let (path, message) = e.pathAndMessage
            throw SimulationError(path: path, message: message)
        } catch {
            throw SimulationError(path: "", message: "invalid request: \(error)")
        }
    }

    package static func encode(_ result: SimulationResult) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(result)) ?? Data(#"{"error":"encoding failed"}"#.utf8)
    }

    /// Parses every document (errors carry their field path) and builds the evaluator's inputs.
    package static func compile(_ sim: SimulationRequest) throws(SimulationError) -> (AuthorizationRequest, PolicyBundle, [String]) {
        var warnings: [String] = []
        func docs(_ inputs: [PolicyInput], _ field: String, _ type: PolicyType) throws(SimulationError) -> [PolicyDocument] {
            var out: [PolicyDocument] = []
            for (i, input) in inputs.enumerated() {
                let path = "\(field)[\(i)]"
                do {
                    let doc = try input.parse()
                    for issue in PolicyLint.lint(doc, type: type) {
                        warnings.append("\(path)\(issue.path.isEmpty ? "" : ".\(issue.path)"): \(issue.message)")
                    }
                    out.append(doc)
                } catch {
                    throw SimulationError(path: error.path.isEmpty ? path : "\(path).\(error.path)", message: error.message)
                }
            }
            return out
        }
        let r = sim.request
        if r.action.isEmpty { throw SimulationError(path: "request.action", message: "must not be empty") }
        if r.resource.isEmpty {
            throw SimulationError(path: "request.resource", message: "must not be empty (use \"*\" for actions without a resource)")
        }
        if r.principal.arn.isEmpty { throw SimulationError(path: "request.principal.arn", message: "must not be empty") }
        let auth = AuthorizationRequest(
            principal: r.principal.requestPrincipal, action: r.action, resource: r.resource,
            resourceAccount: r.resourceAccount, context: r.context)
        let kind = sim.resourcePolicyType ?? PolicyEvaluator.autoResourceKind(auth)
        let identity = try docs(sim.identityPolicies, "identityPolicies", .identity)
        let resource = try docs(sim.resourcePolicies, "resourcePolicies", kind == .trust ? .trust : .resource)
        let boundaries = try docs(sim.permissionsBoundaries, "permissionsBoundaries", .permissionsBoundary)
        let sessions = try docs(sim.sessionPolicies, "sessionPolicies", .session)
        var scps: [[PolicyDocument]] = []
        for (level, list) in sim.scps.enumerated() { scps.append(try docs(list, "scps[\(level)]", .scp)) }
        if !sessions.isEmpty && !auth.principal.isSession {
            warnings.append("sessionPolicies: ignored, the principal is not a role or federated-user session")
        }
        let bundle = PolicyBundle(
            identity: identity, resource: resource, boundaries: boundaries, sessionPolicies: sessions, scps: scps,
            resourcePolicyKind: kind)
        return (auth, bundle, warnings)
    }
}
