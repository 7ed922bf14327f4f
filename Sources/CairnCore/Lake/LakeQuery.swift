/// A CloudTrail Lake query, parsed. The server reads `storeIDs` to find and authorize each store the query names,
/// then compiles it against their bindings.
public struct LakeQuery: Sendable {
    let syntax: LakeQuerySyntax
    /// The event data store ids in FROM and JOIN, lower-cased, each once, in order of appearance.
    public let storeIDs: [String]

    public static func parse(_ text: String) throws(LakeQueryError) -> LakeQuery {
        let tokens = try LakeLexer.tokens(text)
        var parser = LakeParser(tokens: tokens)
        let syntax = try parser.statement()
        var seen = Set<String>()
        let ids = tokens.filter { $0.kind == .storeID && seen.insert($0.text).inserted }.map(\.text)
        return LakeQuery(syntax: syntax, storeIDs: ids)
    }

    /// PostgreSQL for the query, reading each store through `stores[id]`. Throws for anything Lake would refuse:
    /// unknown columns and functions, type mismatches, ungrouped columns, unsupported constructs.
    public func compile(stores: [String: LakeStoreBinding]) throws(LakeQueryError) -> LakeCompiledQuery {
        var compiler = LakeCompiler(stores: stores)
        return try compiler.top(syntax)
    }
}
