import CairnCore
import CairnPolicy
import CairnStore

/// IAM's policy simulator as the aws CLI and boto3 call it. SimulatePrincipalPolicy reads the named entity's
/// policies (a user's with its groups'), its boundary and its account's SCPs; SimulateCustomPolicy takes
/// only the documents sent. Results page by their position in the action × resource grid.
extension IAMOperations {
    static let simulatePrincipalPolicy = Operation<IAMModel.SimulatePolicyInput, IAMModel.SimulatePolicyOutput>(
        OperationCatalogue.simulatePrincipalPolicy, target: { input, t in sourceTarget(input.PolicySourceArn, t) }
    ) { input, ctx in
        let arn = try policySourceArn(input.PolicySourceArn)
        let account = ctx.facts.principal.account
        guard let stored = try await ctx.tx.principalPolicies.simulationSources(forArn: arn, account: account) else {
            throw ServiceError.noSuchEntity("The entity \(arn) does not exist.")
        }
        let extra = try documents(input.PolicyInputList, "PolicyInputList", required: false)
        var boundary = stored.boundary.map { IAMSimulation.Source(id: $0.id, text: $0.text) }
        if let given = try boundaryDocument(input.PermissionsBoundaryPolicyInputList) { boundary = given }
        if stored.kind == "group" { boundary = nil }
        let path = try await ctx.tx.organizations.scpPath(for: account)
        let defaultCaller = stored.kind == "group" ? nil : arn
        let caller = try callerPrincipal(
            input, default: defaultCaller, account: account, tags: stored.tags, path: path)
        let simulation = try simulation(
            identity: stored.identity.map { .init(id: $0.id, text: $0.text) } + extra, boundary: boundary, input: input, caller: caller,
            scpLevels: path.map(\.levels))
        return try page(simulation, input)
    }

    static let simulateCustomPolicy = Operation<IAMModel.SimulatePolicyInput, IAMModel.SimulatePolicyOutput>(
        OperationCatalogue.simulateCustomPolicy, target: { _, t in anyResource(t) }
    ) { input, ctx in
        let identity = try documents(input.PolicyInputList, "PolicyInputList", required: true)
        let boundary = try boundaryDocument(input.PermissionsBoundaryPolicyInputList)
        let caller = try callerPrincipal(input, default: nil, account: ctx.facts.principal.account, tags: [:], path: nil)
        let simulation = try simulation(identity: identity, boundary: boundary, input: input, caller: caller, scpLevels: nil)
        return try page(simulation, input)
    }

    static let getContextKeysForPrincipalPolicy = Operation<IAMModel.ContextKeysInput, IAMModel.ContextKeysOutput>(
        Entry.getContextKeysForPrincipalPolicy, target: { input, t in sourceTarget(input.PolicySourceArn, t) }
    ) { input, ctx in
        let arn = try policySourceArn(input.PolicySourceArn)
        guard let stored = try await ctx.tx.principalPolicies.simulationSources(forArn: arn, account: ctx.facts.principal.account) else {
            throw ServiceError.noSuchEntity("The entity \(arn) does not exist.")
        }
        let extra = try documents(input.PolicyInputList, "PolicyInputList", required: false)
        return IAMModel.ContextKeysOutput(ContextKeyNames: try contextKeys(stored.identity.map { .init(id: $0.id, text: $0.text) } + extra))
    }

    static let getContextKeysForCustomPolicy = Operation<IAMModel.ContextKeysInput, IAMModel.ContextKeysOutput>(
        Entry.getContextKeysForCustomPolicy, target: { _, t in anyResource(t) }
    ) { input, _ in
        IAMModel.ContextKeysOutput(ContextKeyNames: try contextKeys(try documents(input.PolicyInputList, "PolicyInputList", required: true)))
    }

    // MARK: Rules shared by the four

    /// The simulator is authorized against the entity it reads (`iam:SimulatePrincipalPolicy` on the user's ARN).
    private static func sourceTarget(_ arn: String?, _ t: TargetContext) -> AuthorizationTarget {
        AuthorizationTarget(resource: arn ?? "*", resourceAccount: t.facts.principal.account.value)
    }

    private static func anyResource(_ t: TargetContext) -> AuthorizationTarget {
        AuthorizationTarget(resource: "*", resourceAccount: t.facts.principal.account.value)
    }

    private static func policySourceArn(_ value: String?) throws(ServiceError) -> String {
        let arn = try IAMInputChecks.required(value, "PolicySourceArn")
        try IAMInputRules.length(arn, field: "policySourceArn", min: 20, max: 2048)
        return arn
    }

    /// Documents as `PolicyInputList.N` (1-based, as the simulator names them), each within the model's limits.
    private static func documents(_ list: [String]?, _ member: String, required: Bool) throws(ServiceError) -> [IAMSimulation.Source] {
        let field = IAMInputChecks.field(member)
        guard let list else {
            if required { throw ServiceError.missingParameter(field) }
            return []
        }
        var out: [IAMSimulation.Source] = []
        for (i, text) in list.enumerated() {
            try IAMInputRules.length(text, field: "\(field).\(i + 1).member", min: 1, max: 131_072)
            out.append(.init(id: "\(member).\(i + 1)", text: text))
        }
        return out
    }

    private static func boundaryDocument(_ list: [String]?) throws(ServiceError) -> IAMSimulation.Source? {
        let given = try documents(list, "PermissionsBoundaryPolicyInputList", required: false)
        if given.count > 1 {
            throw ServiceError.invalidInput("PermissionsBoundaryPolicyInputList may contain at most one permissions boundary policy.")
        }
        return given.first
    }

    /// Who the simulated call comes from: CallerArn, else the simulated user or role itself; without either,
    /// an anonymous caller of the account, which a resource policy cannot name (so one then needs CallerArn).
    private static func callerPrincipal(
        _ input: IAMModel.SimulatePolicyInput, default fallback: String?, account: AccountId, tags: [String: String], path: SCPPath?
    ) throws(ServiceError) -> RequestPrincipal {
        if let caller = input.CallerArn { try IAMInputRules.length(caller, field: "callerArn", min: 1, max: 2048) }
        let arn = input.CallerArn ?? fallback
        if input.ResourcePolicy != nil && arn == nil {
            throw ServiceError.invalidInput(
                "CallerArn must be specified when a ResourcePolicy is given and PolicySourceArn is not an IAM user or role.")
        }
        if let arn, input.CallerArn != nil {
            let kind = RequestPrincipal(arn: arn).kind
            guard kind == .user || kind == .role || kind == .root else {
                throw ServiceError.invalidInput("CallerArn must be the ARN of an IAM user or role: \(arn).")
            }
        }
        return RequestPrincipal(
            arn: arn ?? "", account: arn == nil ? account.value : nil, tags: input.CallerArn == nil ? tags : [:],
            orgId: path?.organizationId, orgPaths: path?.orgPaths ?? [], isManagementAccount: path?.managementAccount == account)
    }

    private static func simulation(
        identity: [IAMSimulation.Source], boundary: IAMSimulation.Source?, input: IAMModel.SimulatePolicyInput, caller: RequestPrincipal,
        scpLevels: [[String]]?
    ) throws(ServiceError) -> IAMSimulation {
        var resourcePolicy: IAMSimulation.Source?
        if let text = input.ResourcePolicy {
            try IAMInputRules.length(text, field: "resourcePolicy", min: 1, max: 131_072)
            resourcePolicy = .init(id: "ResourcePolicy", text: text)
        }
        var owner: String?
        if let given = input.ResourceOwner {
            try IAMInputRules.length(given, field: "resourceOwner", min: 1, max: 2048)
            // The model's two spellings: an account id, or the account's root ARN.
            owner = RequestPrincipal(arn: given).kind == .root ? RequestPrincipal(arn: given).account : given
        }
        if let option = input.ResourceHandlingOption { try IAMInputRules.length(option, field: "resourceHandlingOption", min: 1, max: 64) }
        let context = try context(input.ContextEntries)
        do throws(SimulationError) {
            return try IAMSimulation(
                identity: identity, boundary: boundary, resourcePolicy: resourcePolicy, scpLevels: scpLevels, caller: caller,
                resourceOwner: owner, context: context)
        } catch {
            throw ServiceError.invalidInput("\(error.path) is not a valid policy document: \(error.message)")
        }
    }

    /// ContextEntries as condition values: list types are multivalued, scalar types take exactly one value.
    private static func context(_ entries: [IAMModel.ContextEntry]?) throws(ServiceError) -> [String: ContextValue] {
        var out: [String: ContextValue] = [:]
        for (i, entry) in (entries ?? []).enumerated() {
            let field = "contextEntries.\(i + 1).member"
            let name = try IAMInputChecks.required(entry.ContextKeyName, "\(field).contextKeyName")
            try IAMInputRules.length(name, field: "\(field).contextKeyName", min: 5, max: 256)
            let type = try IAMInputRules.oneOf(entry.ContextKeyType ?? "string", field: "\(field).contextKeyType", ContextKeyType.all)
            let values = entry.ContextKeyValues ?? []
            for v in values where !ContextKeyType.accepts(v, type: type) {
                throw ServiceError.invalidInput("The value \(v) of context key \(name) is not a valid \(type).")
            }
            if type.hasSuffix("List") {
                out[name] = .multiple(values)
            } else if values.count == 1 {
                out[name] = .single(values[0])
            } else if !values.isEmpty {
                throw ServiceError.invalidInput("Context key \(name) of type \(type) takes one value; use \(type)List for several.")
            }
        }
        return out
    }

    private static func contextKeys(_ sources: [IAMSimulation.Source]) throws(ServiceError) -> [String] {
        do throws(SimulationError) {
            return try IAMSimulation.contextKeys(in: sources)
        } catch {
            throw ServiceError.invalidInput("\(error.path) is not a valid policy document: \(error.message)")
        }
    }

    /// The page of the action-major action × resource grid that starts at the marker. Only the page is
    /// evaluated, so a large grid costs what its pages cost.
    private static func page(_ simulation: IAMSimulation, _ input: IAMModel.SimulatePolicyInput) throws(ServiceError) -> IAMModel.SimulatePolicyOutput
    {
        guard let actions = input.ActionNames else { throw ServiceError.missingParameter("actionNames") }
        for (i, a) in actions.enumerated() { try IAMInputRules.length(a, field: "actionNames.\(i + 1).member", min: 3, max: 128) }
        let given = input.ResourceArns ?? []
        for (i, r) in given.enumerated() { try IAMInputRules.length(r, field: "resourceArns.\(i + 1).member", min: 1, max: 2048) }
        let resources = given.isEmpty ? ["*"] : given
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let total = actions.count * resources.count
        var start = 0
        if let after = page.after {
            guard let n = Int(after), n >= 0, n < total else {
                throw ServiceError.invalidInput("The marker does not belong to this simulation.")
            }
            start = n + 1
        }
        let end = min(total, start + page.maxItems)
        var results: [IAMModel.EvaluationResult] = []
        results.reserveCapacity(end - start)
        for n in start..<end {
            let action = actions[n / resources.count], resource = resources[n % resources.count]
            results.append(.init(simulation.evaluate(action: action, resource: resource, explicitResource: !given.isEmpty)))
        }
        let truncated = end < total
        return IAMModel.SimulatePolicyOutput(
            EvaluationResults: results, IsTruncated: truncated, Marker: truncated ? IAMListPage.marker(after: String(end - 1)) : nil)
    }

    /// ContextKeyType's values (botocore's iam model) and what each accepts.
    private enum ContextKeyType {
        static let all = [
            "string", "stringList", "numeric", "numericList", "boolean", "booleanList", "ip", "ipList", "binary", "binaryList", "date",
            "dateList",
        ]

        static func accepts(_ value: String, type: String) -> Bool {
            switch type {
            case "numeric", "numericList": Double(value) != nil
            case "boolean", "booleanList": value.lowercased() == "true" || value.lowercased() == "false"
            default: true
            }
        }
    }
}
