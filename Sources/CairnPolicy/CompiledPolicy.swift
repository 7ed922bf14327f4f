/// One document compiled for one role. Compiling is the only place policy text is interpreted; the
/// result can be cached per principal, per account path or per resource and reused for every decision.
package struct CompiledPolicy: Sendable, Hashable {
    package let type: PolicyType
    package let index: Int
    package let statements: [CompiledStatement]

    package init(_ document: PolicyDocument, type: PolicyType, index: Int, scpLevel: Int? = nil) {
        self.type = type
        self.index = index
        let sub = document.substitutesVariables
        statements = document.statements.enumerated().map { i, s in
            CompiledStatement(
                s, ref: StatementRef(policyType: type, policyIndex: index, statementIndex: i, sid: s.sid, scpLevel: scpLevel),
                substituteVariables: sub)
        }
    }
}
