/// A parsed policy, exactly as written: no defaults filled in and no matching structures built, so it can
/// be linted and echoed back. Evaluation uses `CompiledPolicy`.
package struct PolicyDocument: Sendable, Hashable {
    /// nil when the document has no Version element (AWS then behaves as 2008-10-17).
    package var version: PolicyVersion?
    package var id: String?
    package var statements: [Statement]
    /// Whether `Statement` was a single object rather than an array (kept for faithful re-encoding).
    package var statementWasObject: Bool

    package init(version: PolicyVersion? = .v2012, id: String? = nil, statements: [Statement], statementWasObject: Bool = false) {
        self.version = version
        self.id = id
        self.statements = statements
        self.statementWasObject = statementWasObject
    }

    package var substitutesVariables: Bool { version?.supportsVariables ?? false }

    package static func parse(_ text: String) throws(PolicyParseError) -> PolicyDocument {
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            throw PolicyParseError(path: "", message: error.description)
        }
        return try parse(json: json)
    }

    package static func parse(json: JSONValue) throws(PolicyParseError) -> PolicyDocument {
        try PolicyDocumentParser.document(json)
    }
}
