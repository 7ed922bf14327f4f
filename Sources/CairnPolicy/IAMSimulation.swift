/// IAM's policy simulator as its API answers (SimulatePrincipalPolicy, SimulateCustomPolicy): every action
/// against every resource, each pair one result with the statements that decided it and where they are in
/// their documents. Pure: the caller reads the policies (a stored principal's, or the request's) and pages
/// the results. The choices AWS leaves open are in docs/behaviour.md ("IAM policy simulation").
package struct IAMSimulation: Sendable {
    /// A document in play and the name the simulator reports it under (`PolicyInputList.1`,
    /// `user_alice_inline`, a managed policy's name, `ResourcePolicy`).
    package struct Source: Sendable, Hashable {
        package var id: String
        package var text: String

        package init(id: String, text: String) {
            self.id = id
            self.text = text
        }
    }

    package enum Outcome: String, Sendable, Hashable, Codable {
        case allowed
        case explicitDeny
        case implicitDeny

        init(_ d: Decision) {
            switch d {
            case .allow: self = .allowed
            case .explicitDeny: self = .explicitDeny
            case .implicitDeny: self = .implicitDeny
            }
        }

        init(_ o: CompiledPolicySet.Outcome) {
            self = o.denied ? .explicitDeny : o.allowed ? .allowed : .implicitDeny
        }
    }

    package struct MatchedStatement: Sendable, Hashable {
        package var sourcePolicyId: String
        /// AWS's wire strings: `IAM Policy`, `Resource Policy`, `Permissions Boundary Policy`.
        package var sourcePolicyType: String
        package var start: StatementSpans.Position?
        package var end: StatementSpans.Position?
    }

    /// One resource's part of a pair's result (the API's ResourceSpecificResult).
    package struct ResourceResult: Sendable, Hashable {
        package var resource: String
        package var decision: Outcome
        package var matched: [MatchedStatement]
        package var missingContextValues: [String]
        package var decisionDetails: [String: String]?
        package var allowedByPermissionsBoundary: Bool?
    }

    package struct Result: Sendable, Hashable {
        package var action: String
        package var resource: String
        package var decision: Outcome
        package var matched: [MatchedStatement]
        /// Top-level missing keys: only when the resource is `*`; otherwise they are in `resourceSpecific`.
        package var missingContextValues: [String]
        /// nil when the account is in no organization (the member is then absent).
        package var allowedByOrganizations: Bool?
        /// nil when no permissions boundary is in play.
        package var allowedByPermissionsBoundary: Bool?
        package var decisionDetails: [String: String]?
        package var resourceSpecific: [ResourceResult]?
    }

    private let identity: CompiledPolicySet
    private let boundary: CompiledPolicySet?
    private let resource: CompiledPolicySet
    private let scpLevels: [CompiledPolicySet]?
    private let identitySources: [Source]
    private let boundarySource: Source?
    private let resourceSource: Source?
    private let spans: [String: [StatementSpans.Span]]
    private let caller: RequestPrincipal
    private let resourceOwner: String?
    private let context: [String: ContextValue]

    /// Parses every document; a document that does not parse is a `SimulationError` naming its source.
    /// `scpLevels` nil: the account is in no organization; an empty level denies everything, as in AWS.
    package init(
        identity: [Source], boundary: Source?, resourcePolicy: Source?, scpLevels: [[String]]?, caller: RequestPrincipal,
        resourceOwner: String?, context: [String: ContextValue]
    ) throws(SimulationError) {
        func parse(_ s: Source, as type: PolicyType) throws(SimulationError) -> PolicyDocument {
            do {
                let doc = try PolicyDocument.parse(s.text)
                if type == .resource, doc.statements.contains(where: { $0.principal == nil }) {
                    throw SimulationError(path: s.id, message: "every statement of a resource policy needs a Principal")
                }
                return doc
            } catch let e as SimulationError {
                throw e
            } catch {
                throw SimulationError(path: s.id, message: "\(error)")
            }
        }
        var identityDocs: [PolicyDocument] = []
        for s in identity { identityDocs.append(try parse(s, as: .identity)) }
        self.identity = CompiledPolicySet(identityDocs, type: .identity)
        self.boundary = try boundary.map { (s: Source) throws(SimulationError) in
            CompiledPolicySet([try parse(s, as: .permissionsBoundary)], type: .permissionsBoundary)
        }
        self.resource =
            try resourcePolicy.map { (s: Source) throws(SimulationError) in CompiledPolicySet([try parse(s, as: .resource)], type: .resource) }
            ?? CompiledPolicySet([], type: .resource)
        self.scpLevels = scpLevels.map { levels in
            levels.enumerated().map { CompiledPolicySet($1.compactMap { try? PolicyDocument.parse($0) }, type: .scp, scpLevel: $0) }
        }
        identitySources = identity
        boundarySource = boundary
        resourceSource = resourcePolicy
        var spans: [String: [StatementSpans.Span]] = [:]
        for s in identity + [boundary, resourcePolicy].compactMap({ $0 }) { spans[s.id] = StatementSpans.spans(in: s.text) }
        self.spans = spans
        self.caller = caller
        self.resourceOwner = resourceOwner
        self.context = context
    }

    /// The result for one action on one resource; `explicitResource` is false when the caller named no
    /// resources (the resource is then `*` and missing keys are reported at the top level).
    package func evaluate(action: String, resource arn: String, explicitResource: Bool) -> Result {
        let owner = resourceOwner ?? ParsedArn(arn).account.flatMap { $0.isEmpty ? nil : $0 } ?? caller.account
        let request = AuthorizationRequest(principal: caller, action: action, resource: arn, resourceAccount: owner, context: context)
        let bundle = PolicyBundle(
            identity: identity, resource: resource, boundary: boundary, scpLevels: scpLevels ?? [], resourcePolicyKind: .resource)
        let evaluated = PolicyEvaluator.evaluate(request, bundle)
        let decision = Outcome(evaluated.decision)

        var scratch = EvaluationTrace()
        let hasBoundary = boundary != nil
        let organizations: Bool? = scpLevels.map { levels in
            caller.isManagementAccount
                || levels.allSatisfy {
                    let o = $0.scan(request, hasBoundary: hasBoundary, into: &scratch)
                    return o.allowed && !o.denied
                }
        }
        let boundaryAllows = boundary.map {
            let o = $0.scan(request, hasBoundary: hasBoundary, into: &scratch)
            return o.allowed && !o.denied
        }
        let scpDecided = evaluated.decidingPolicyType == .scp && decision != .allowed

        // Only the statements that decided: the denies when one matched, the grants when allowed.
        var matched: [MatchedStatement] = []
        if !scpDecided && decision != .implicitDeny {
            let wanted: Effect = decision == .explicitDeny ? .deny : .allow
            // A boundary's Allow only permits; its part is PermissionsBoundaryDecisionDetail, not a cited grant.
            for m in evaluated.matchedStatements where m.effect == wanted && !(wanted == .allow && m.policyType == .permissionsBoundary) {
                if let s = describe(m) { matched.append(s) }
            }
        }
        var details: [String: String]?
        if explicitResource && !scpDecided {
            if request.isSameAccount {
                details = [:]
            } else {
                details = [
                    "IAM Policy": Outcome(identity.scan(request, hasBoundary: hasBoundary, into: &scratch)).rawValue,
                    "Resource Policy": Outcome(resource.scan(request, hasBoundary: hasBoundary, into: &scratch)).rawValue,
                ]
                if let boundary {
                    details?["Permissions Boundary Policy"] = Outcome(boundary.scan(request, hasBoundary: true, into: &scratch)).rawValue
                }
            }
        }
        var result = Result(
            action: action, resource: arn, decision: decision, matched: matched, missingContextValues: [],
            allowedByOrganizations: organizations, allowedByPermissionsBoundary: boundaryAllows, decisionDetails: details,
            resourceSpecific: nil)
        if explicitResource {
            result.resourceSpecific = [
                ResourceResult(
                    resource: arn, decision: decision, matched: matched, missingContextValues: evaluated.missingContextKeys,
                    decisionDetails: details, allowedByPermissionsBoundary: boundaryAllows)
            ]
        } else {
            result.missingContextValues = evaluated.missingContextKeys
        }
        return result
    }

    private func describe(_ m: CairnPolicy.MatchedStatement) -> MatchedStatement? {
        let source: Source?
        let type: String
        switch m.policyType {
        case .identity:
            source = identitySources.indices.contains(m.policyIndex) ? identitySources[m.policyIndex] : nil
            type = "IAM Policy"
        case .resource, .trust:
            source = resourceSource
            type = "Resource Policy"
        case .permissionsBoundary:
            source = boundarySource
            type = "Permissions Boundary Policy"
        case .scp, .rcp, .session:
            return nil
        }
        guard let source else { return nil }
        let span = spans[source.id].flatMap { $0.indices.contains(m.statementIndex) ? $0[m.statementIndex] : nil }
        return MatchedStatement(sourcePolicyId: source.id, sourcePolicyType: type, start: span?.start, end: span?.end)
    }

    /// The keys a simulation of these documents may need (GetContextKeysFor*Policy): every condition key and
    /// every `${…}` variable, in the order the documents use them, each once whatever its case.
    package static func contextKeys(in sources: [Source]) throws(SimulationError) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for s in sources {
            let doc: PolicyDocument
            do {
                doc = try PolicyDocument.parse(s.text)
            } catch {
                throw SimulationError(path: s.id, message: "\(error)")
            }
            for statement in CompiledPolicy(doc, type: .identity, index: 0).statements {
                for k in statement.resourceKeys + statement.conditionKeys where seen.insert(k.lower).inserted { out.append(k.written) }
            }
        }
        return out
    }
}
